import { da } from './messages.da.js';
import { en, type MessageKey, type Messages } from './messages.en.js';
import { sv } from './messages.sv.js';
import { resolveLocale, type Locale } from './locales.js';

export { resolveLocale, SUPPORTED_LOCALES, DEFAULT_LOCALE, type Locale } from './locales.js';
export type { MessageKey, Messages } from './messages.en.js';

const catalogs: Record<Locale, Messages> = { en, sv, da };

export type MessageVars = Record<string, string | number | null | undefined>;

/**
 * Looks up a message for any locale tag and fills the given vars.
 * Placeholders whose var is undefined are left as they are, so a caller can fill
 * person/event placeholders later with fillPlaceholders.
 */
export function t(locale: string | null | undefined, key: MessageKey, vars?: MessageVars): string {
  const template = catalogs[resolveLocale(locale)][key];
  if (!vars) return template;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    return value === undefined ? whole : String(value ?? '');
  });
}

/**
 * "3 December 2026 at 14:05 UTC" in the locale's words: the answer pages know no reader's time zone, so they name UTC
 * rather than guess one.
 */
// Building an Intl.DateTimeFormat costs far more than formatting with one, and every answer's reply says its
// deadline: one formatter per locale, made once.
const deadlineFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDeadline(locale: string | null | undefined, at: Date): string {
  const resolved = resolveLocale(locale);
  let format = deadlineFormats.get(resolved);
  if (!format) {
    format = new Intl.DateTimeFormat(resolved, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    deadlineFormats.set(resolved, format);
  }
  return format.format(at);
}
