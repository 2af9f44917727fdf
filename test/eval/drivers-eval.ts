// npm run eval:drivers — key driver analysis against labelled synthetic data (drivers-synthetic.ts) over several
// seeds: the recovered importance order and significance per touchpoint against the truth, how the collinear twins
// share their importance, and whether the themes that go with lower relationship scores are found.
import { keyDrivers, themeDrivers } from '@cairn/drivers';
import { orderMatches, SYNTHETIC_TOUCHPOINTS, syntheticPeople, type SyntheticKey, TRUTH } from './drivers-synthetic';

const log = (line: string) => process.stdout.write(`${line}\n`);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const keys = SYNTHETIC_TOUCHPOINTS.map((t) => t.key);
let orderOk = 0;
let significanceOk = 0;
let themesOk = 0;
const falsePositives: Record<string, number> = {};

log(`truth: order ${TRUTH.order.map((g) => g.join('≈')).join(' > ')}; significant ${keys.filter((k) => TRUTH.significant[k]).join(', ')}`);
log('seed  order (importance share, * = p < .05)                                          order  signif  twins A/(A+B)  themes');
for (const seed of SEEDS) {
  const people = syntheticPeople({ seed });
  const result = keyDrivers({
    touchpoints: keys.map((key) => ({ id: key, name: key, performance: null, normalisedPerformance: null })),
    respondents: people.map((p) => ({ outcome: p.outcome, scores: keys.map((k) => p.answers[k] ?? null) })),
    minN: 30,
  });
  const ranking = result.drivers.map((d) => d.id as SyntheticKey);
  const order = orderMatches(ranking);
  const wrongSignificance = result.drivers.filter((d) => d.significant !== TRUTH.significant[d.id as SyntheticKey]);
  for (const d of wrongSignificance) falsePositives[d.id] = (falsePositives[d.id] ?? 0) + 1;
  const by = Object.fromEntries(result.drivers.map((d) => [d.id, d]));
  const twinShare = by.twinA.importance! / (by.twinA.importance! + by.twinB.importance!);
  const themes = themeDrivers(people.map((p) => ({ outcome: p.outcome, themes: new Set(p.themes) })));
  const delivery = themes.find((t) => t.theme === 'delivery');
  const price = themes.find((t) => t.theme === 'price');
  const themeOk = !!delivery?.significant && delivery.difference! < 0 && !price?.significant && themes[0]?.theme === 'delivery';
  orderOk += Number(order);
  significanceOk += Number(wrongSignificance.length === 0);
  themesOk += Number(themeOk);
  const shown = result.drivers.map((d) => `${d.id} ${d.importance!.toFixed(3)}${d.significant ? '*' : ''}`).join(' > ');
  log(
    `${String(seed).padStart(4)}  ${shown.padEnd(78)} ${order ? 'ok' : 'WRONG'}     ${wrongSignificance.length === 0 ? 'ok' : `WRONG(${wrongSignificance.map((d) => d.id).join(',')})`}    ${twinShare.toFixed(2)}           ${themeOk ? 'ok' : 'WRONG'} (delivery ${delivery?.difference?.toFixed(2)}, p ${delivery?.pValue?.toExponential(1)})`,
  );
}
log(
  `\norder right in ${orderOk}/${SEEDS.length} seeds; significance right for every touchpoint in ${significanceOk}/${SEEDS.length}; themes right in ${themesOk}/${SEEDS.length}`,
);
if (Object.keys(falsePositives).length > 0)
  log(
    `significance wrong (seeds): ${JSON.stringify(falsePositives)} — at α = .05 'none' is called significant about 1 seed in 20 by chance`,
  );
