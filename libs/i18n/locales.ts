export const SUPPORTED_LOCALES = ['en', 'sv', 'da'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Maps any BCP 47-ish tag ('sv-SE', 'da_DK', 'EN') to a catalog locale.
 * Only the language subtag matters: regional variants share one text.
 */
export function resolveLocale(locale?: string | null): Locale {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}
