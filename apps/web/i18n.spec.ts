// Every text the dashboard shows must come from the catalog, so a new language
// is one file: this checks that each key the pages use exists in English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { en } from './assets/js/locales/en.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.js') && !path.includes('locales') ? [path] : [];
  });
}

// Keys built at run time from data: every value the data can take.
const FAMILIES: Record<string, string[]> = {
  metric: ['nps', 'csat', 'ces'],
  channel: ['email', 'web', 'app', 'store', 'phone', 'chat', 'delivery', 'other'],
  role: ['admin', 'manager', 'viewer'],
  'cases.status': ['open', 'in_progress', 'resolved'],
  'rules.kind': ['response', 'score_drop'],
  'wh.delivery': ['pending', 'succeeded', 'failed'],
  locale: ['en', 'sv', 'da'],
  'tp.buckets': ['nps', 'csat', 'ces'],
};

describe('dashboard texts', () => {
  const code = sources(join(__dirname, 'assets/js'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const keys = new Set(Object.keys(en));

  it('has an English text for every literal key the pages use', () => {
    const used = [
      ...code.matchAll(/\bt\(\s*'([\w.]+)'/g),
      ...code.matchAll(/\?\s*'([a-z]+\.[\w.]+)'\s*:\s*'([a-z]+\.[\w.]+)'/g),
      ...code.matchAll(/\b(?:key|section): '([a-z]+\.[\w.]+)'/g),
    ]
      .flatMap((m) => m.slice(1))
      .filter(Boolean);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has every member of the keys built from data', () => {
    const missing = Object.entries(FAMILIES)
      .flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`))
      .filter((key) => !keys.has(key));
    const buckets = ['nps', 'csat', 'ces']
      .flatMap((m) => ['low', 'mid', 'high'].map((b) => `bucket.${m}.${b}`))
      .filter((key) => !keys.has(key));
    expect([...missing, ...buckets]).toEqual([]);
  });

  it('keeps visible words out of the page code (no hard-coded English in text nodes)', () => {
    // h('tag', attrs, 'Some words') would bypass the catalog.
    expect(code.match(/h\('[a-z0-9]+', \{[^}]*\}, '[A-Z][a-z]+ [a-z]+/g) ?? []).toEqual([]);
  });
});
