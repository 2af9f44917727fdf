import { resolveLocale, t, type Locale } from '@cairn/i18n';
import { scoreCellColors, scoreValues, type ScoreCellColors, type SurveyMetric } from './survey-scale.js';
import { fillPlaceholders, type PlaceholderValues } from './template-placeholders.js';

export interface SurveyEmailInput {
  metric: SurveyMetric;
  locale?: string | null;
  /** Per-locale override of the question, keyed by locale tag; may contain placeholders. */
  question?: Record<string, string> | null;
  subject?: Record<string, string> | null;
  companyName: string;
  touchpointName: string;
  person: { name?: string | null; properties?: Record<string, unknown> };
  event?: { properties?: Record<string, unknown> };
  responseUrl: (score: number) => string;
  unsubscribeUrl: string;
  isReminder?: boolean;
}

export interface ScoreButton {
  score: number;
  url: string;
  colors: ScoreCellColors;
}

/** Every text of one survey email, localized and filled, still unescaped. */
export interface SurveyEmailContent {
  locale: Locale;
  subject: string;
  greeting: string | null;
  intro: string | null;
  question: string;
  instruction: string;
  lowLabel: string;
  highLabel: string;
  buttons: ScoreButton[];
  unsubscribeNote: string;
  unsubscribeLabel: string;
  unsubscribeUrl: string;
}

export function buildSurveyEmailContent(input: SurveyEmailInput): SurveyEmailContent {
  const locale = resolveLocale(input.locale);
  const vars: PlaceholderValues = {
    company: input.companyName,
    touchpoint: input.touchpointName,
    person: input.person,
    event: input.event,
  };
  const fill = (text: string) => fillPlaceholders(text, vars);
  const { metric } = input;
  const name = input.person.name?.trim();

  return {
    locale,
    subject: subjectLine(input, locale, fill),
    greeting: name ? t(locale, 'email.greeting', { name }) : null,
    intro: metric === 'ces' ? t(locale, 'survey.ces.intro') : null,
    question: fill(localizedOverride(input.question, locale) ?? t(locale, `survey.${metric}.question`)),
    instruction: t(locale, 'email.instruction'),
    lowLabel: t(locale, `survey.${metric}.lowLabel`),
    highLabel: t(locale, `survey.${metric}.highLabel`),
    buttons: scoreValues(metric).map((score) => ({
      score,
      url: input.responseUrl(score),
      colors: scoreCellColors(metric, score),
    })),
    unsubscribeNote: t(locale, 'email.unsubscribeNote', { company: input.companyName }),
    unsubscribeLabel: t(locale, 'email.unsubscribe'),
    unsubscribeUrl: input.unsubscribeUrl,
  };
}

function subjectLine(input: SurveyEmailInput, locale: Locale, fill: (text: string) => string): string {
  const base = fill(localizedOverride(input.subject, locale) ?? t(locale, 'email.subject'));
  const subject = input.isReminder ? t(locale, 'email.reminderSubject', { subject: base }) : base;
  // A line break from a property value must not end up inside a mail header.
  return subject.replace(/\s+/g, ' ').trim();
}

/**
 * Picks the override written in the email's language ('sv' or 'sv-SE' both
 * serve 'sv'). An override missing that language yields undefined, so the
 * built-in default in the recipient's language is used instead of mixing
 * languages inside one email.
 */
function localizedOverride(texts: Record<string, string> | null | undefined, locale: Locale): string | undefined {
  if (!texts) return undefined;
  const language = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0];
  const keys = Object.keys(texts).filter((key) => language(key) === locale && texts[key]?.trim());
  const exact = keys.find((key) => key.toLowerCase() === locale);
  const key = exact ?? keys[0];
  return key === undefined ? undefined : texts[key];
}
