import { t, type Locale } from '@cairn/i18n';
import { buildSurveyEmailContent, scoreValues, fillPlaceholders, type PlaceholderValues } from '@cairn/mail';
import type { Metric } from '@cairn/scoring';

export interface SurveyTextsInput {
  metric: Metric;
  locale: string | null;
  question: unknown;
  commentPrompt: unknown;
  companyName: string;
  touchpointName: string;
  person?: { name?: string | null; properties?: Record<string, unknown> };
  event?: { properties?: Record<string, unknown> };
}

export interface SurveyTexts {
  locale: Locale;
  intro: string | null;
  question: string;
  lowLabel: string;
  highLabel: string;
  commentPrompt: string;
  scores: number[];
}

/**
 * The question exactly as the email asked it (same override and placeholder
 * rules, taken from the email's own builder), so page and email never differ.
 */
export function surveyTexts(input: SurveyTextsInput): SurveyTexts {
  const content = buildSurveyEmailContent({
    metric: input.metric,
    locale: input.locale,
    question: asTexts(input.question),
    companyName: input.companyName,
    touchpointName: input.touchpointName,
    person: input.person ?? {},
    event: input.event,
    responseUrl: () => '',
    unsubscribeUrl: '',
  });
  const vars: PlaceholderValues = {
    company: input.companyName,
    touchpoint: input.touchpointName,
    person: input.person,
    event: input.event,
  };
  const prompt = asTexts(input.commentPrompt)?.[content.locale]?.trim();
  return {
    locale: content.locale,
    intro: content.intro,
    question: content.question,
    lowLabel: content.lowLabel,
    highLabel: content.highLabel,
    commentPrompt: prompt ? fillPlaceholders(prompt, vars) : t(content.locale, 'survey.commentPrompt'),
    scores: scoreValues(input.metric),
  };
}

function asTexts(value: unknown): Record<string, string> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : null;
}
