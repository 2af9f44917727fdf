import type { Metric } from '@cairn/database';
import { fitsOneSegment, GSM7_SEGMENT, gsm7Length } from './gsm7';

export type SmsLocale = 'en' | 'sv' | 'da';

/**
 * The built-in survey texts, each written to fit one GSM-7 segment (160) with a 60-character link and a company
 * name of up to 20. `{company}` and `{link}` are filled in; the opt-out word is the one the reply hook accepts.
 */
const TEXTS: Record<SmsLocale, Record<Metric, string>> = {
  en: {
    nps: '{company}: How likely are you to recommend us? Reply 0-10 or tap {link} STOP to opt out',
    csat: '{company}: How satisfied were you? Reply 1-5 (5 = best) or tap {link} STOP to opt out',
    ces: '{company}: Was it easy? Reply 1-7 (7 = very easy) or tap {link} STOP to opt out',
  },
  sv: {
    nps: '{company}: Skulle du rekommendera oss? Svara 0-10 eller tryck {link} STOPP avslutar',
    csat: '{company}: Hur nöjd var du? Svara 1-5 (5 = bäst) eller tryck {link} STOPP avslutar',
    ces: '{company}: Var det enkelt? Svara 1-7 (7 = mycket enkelt) eller tryck {link} STOPP avslutar',
  },
  da: {
    nps: '{company}: Vil du anbefale os? Svar 0-10 eller tryk {link} Svar AFMELD for at afmelde',
    csat: '{company}: Hvor tilfreds var du? Svar 1-5 (5 = bedst) eller tryk {link} AFMELD for at afmelde',
    ces: '{company}: Var det nemt? Svar 1-7 (7 = meget nemt) eller tryk {link} Svar AFMELD for at afmelde',
  },
};

export function smsLocale(locale: string | null | undefined): SmsLocale {
  const language = (locale ?? 'en').slice(0, 2).toLowerCase();
  return language === 'sv' || language === 'da' ? language : 'en';
}

export interface SmsBodyInput {
  metric: Metric;
  locale: string | null | undefined;
  companyName: string;
  link: string;
}

export interface SmsBody {
  text: string;
  locale: SmsLocale;
  /** GSM-7 septets, or null when the text needs UCS-2 (a company name in another script). */
  gsm7Length: number | null;
  segments: number;
}

const fill = (template: string, company: string, link: string) =>
  template.replaceAll('{company}', company).replaceAll('{link}', link).replace(/\s+/g, ' ').trim();

/**
 * The text of one survey SMS: the built-in one of the person's language, and if the company's name makes it too long
 * for one GSM-7 segment (or is not GSM-7), the name cut short or left out.
 */
export function composeSmsBody(input: SmsBodyInput): SmsBody {
  const locale = smsLocale(input.locale);
  const builtIn = TEXTS[locale][input.metric];
  const company = input.companyName.trim();
  const candidates = [
    fill(builtIn, company, input.link),
    fill(builtIn, company.slice(0, 20).trim(), input.link),
    fill(builtIn.replace('{company}: ', ''), '', input.link),
  ];
  const text = candidates.find(fitsOneSegment) ?? candidates[candidates.length - 1];
  return { text, locale, ...measure(text) };
}

/**
 * Length and segment count as the handset will see them: one segment holds 160 septets (GSM-7) or 70 UTF-16 units
 * (UCS-2); split, each part holds 153 or 67, and an extension character's escape pair or an emoji's surrogate pair is
 * never cut between two parts (it moves whole to the next one).
 */
export function measure(text: string): { gsm7Length: number | null; segments: number } {
  const septets = gsm7Length(text);
  if (septets !== null) {
    const sizes = [...text].map((char) => gsm7Length(char)!);
    return { gsm7Length: septets, segments: septets <= GSM7_SEGMENT ? 1 : parts(sizes, 153) };
  }
  const sizes = [...text].map((char) => char.length);
  return { gsm7Length: null, segments: text.length <= 70 ? 1 : parts(sizes, 67) };
}

/** Parts needed for characters of these sizes, each part holding `room`, no character split. */
function parts(sizes: number[], room: number): number {
  let count = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > room) {
      count++;
      used = 0;
    }
    used += size;
  }
  return count;
}
