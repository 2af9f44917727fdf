// npm run bench:comments — comments analysed per second on one core (Node runs
// the analyser on one thread; the rate is taken from the process's CPU time,
// since on this shared machine wall time moves with whatever else runs, and
// wall time is printed beside it): analyseComment with the locale known, with the
// language detected, and tokenisation alone as the baseline measured in the
// same run (the floor any analysis pays). Goal (issue 13): ≥ 2,000 comments/s,
// so re-analysing 1M comments takes minutes. Also suggestions over the corpus.
// Env: BENCH_COMMENTS (default 30000), BENCH_RUNS (default 5; the median is reported).
import { analyseComment, BUILT_IN_THEMES, detectLanguage, suggestThemes, ThemeMatcher } from '@cairn/comments';
import { benchCorpus } from './comments-bench.corpus';

const COUNT = Number(process.env.BENCH_COMMENTS ?? 30_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL = 2_000;
const log = (s: string) => process.stdout.write(`${s}\n`);

const corpus = benchCorpus(COUNT);
// A workspace's list: the built-in themes and two of its own, prepared once per batch as a worker would.
const matcher = new ThemeMatcher([
  ...BUILT_IN_THEMES,
  { key: 'store', keywords: { en: ['store', 'shop'], sv: ['butik', 'kassör'], da: ['butik', 'butikken'] } },
  { key: 'packaging', keywords: { en: ['packaging', 'box'], sv: ['förpackning', 'kartong'], da: ['emballage', 'kasse'] } },
]);

/** Median comments/s and CPU µs per comment of `RUNS` passes over the corpus. */
function measure(name: string, analyse: (text: string, language: 'en' | 'sv' | 'da') => unknown): number {
  const rates: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const { text, language } of corpus) sink += analyse(text, language) ? 1 : 0;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(startCpu);
    rates.push(corpus.length / seconds);
    cpu.push((used.user + used.system) / corpus.length);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (sink !== corpus.length * RUNS) throw new Error('an analysis returned nothing');
  const perCore = 1e6 / median(cpu);
  log(
    `${name.padEnd(36)} ${fmt(perCore)} comments per CPU-second   ${fmt(median(rates))} comments/s wall   ${median(cpu).toFixed(1).padStart(6)} µs CPU/comment`,
  );
  return perCore;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en').padStart(9);

log(
  `${COUNT.toLocaleString('en')} comments (en/sv/da, ${Math.round(corpus.reduce((n, c) => n + c.text.split(/\s+/).length, 0) / COUNT)} words on average), median of ${RUNS} runs, one thread`,
);
// Warm-up: lexicons load and the JIT settles before anything is timed.
for (const { text, language } of corpus.slice(0, 2_000)) analyseComment(text, language, matcher);

measure('baseline: split into words', (text) => text.split(/\s+/).length);
const known = measure('analyseComment, locale known', (text, language) => analyseComment(text, language, matcher));
const detected = measure('analyseComment, language detected', (text) => analyseComment(text, null, matcher));
measure('detectLanguage alone', (text) => detectLanguage(text));

const startCpu = process.cpuUsage();
const suggestions = suggestThemes(corpus, matcher, { minCount: 10 });
const { user, system } = process.cpuUsage(startCpu);
log(
  `suggestThemes over all ${COUNT.toLocaleString('en')}: ${((user + system) / 1e6).toFixed(2)} s CPU (${suggestions.length} suggestions)`,
);

const slowest = Math.min(known, detected);
log(
  `goal ≥ ${GOAL.toLocaleString('en')} comments/s: ${slowest >= GOAL ? 'met' : 'NOT met'} (${Math.round(slowest).toLocaleString('en')}); 1M comments ≈ ${(1e6 / slowest / 60).toFixed(1)} min`,
);
process.exitCode = slowest >= GOAL ? 0 : 1;
