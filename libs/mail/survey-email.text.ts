import type { SurveyEmailContent } from './survey-email.content.js';

/** The text/plain part: same question, one line per score with its link, unsubscribe last. */
export function surveyEmailText(content: SurveyEmailContent): string {
  const first = content.buttons[0]?.score;
  const last = content.buttons[content.buttons.length - 1]?.score;
  const scoreLines = content.buttons.map(({ score, url }) => {
    const label = score === first ? ` (${content.lowLabel})` : score === last ? ` (${content.highLabel})` : '';
    return `${score}${label}: ${url}`;
  });
  const paragraphs = [
    content.greeting,
    content.intro,
    content.question,
    content.instruction,
    scoreLines.join('\n'),
    `${content.unsubscribeNote} ${content.unsubscribeLabel}: ${content.unsubscribeUrl}`,
  ];
  return `${paragraphs.filter((paragraph) => paragraph !== null).join('\n\n')}\n`;
}
