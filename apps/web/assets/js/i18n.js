// Every visible text comes from a catalog keyed by message id; adding a
// language is adding a file to locales/ and a line to CATALOGS.
import { en } from './locales/en.js';

const CATALOGS = { en };
let locale = 'en';
let messages = en;

export function setLocale(tag) {
  const language = String(tag ?? 'en')
    .toLowerCase()
    .split(/[-_]/)[0];
  locale = CATALOGS[language] ? language : 'en';
  messages = CATALOGS[locale];
  document.documentElement.lang = locale;
}

export function currentLocale() {
  return locale;
}

/** t('map.lowN', { n: 12 }) — falls back to English, then to the key itself. */
export function t(key, vars = {}) {
  const template = messages[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

export function formatDate(iso, withTime = false) {
  if (!iso) return '–';
  const options = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** "3 hours ago" / "in 2 days". */
export function formatRelative(iso, now = Date.now()) {
  const diff = (new Date(iso).getTime() - now) / 1000;
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, seconds] of units) if (Math.abs(diff) >= seconds) return rtf.format(Math.round(diff / seconds), unit);
  return rtf.format(Math.round(diff), 'second');
}
