// The held-out labelled set and the analyser's figures on it, shared by
// `npm run eval:comments` and the test that keeps the figures from falling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseComment, COMMENT_LANGUAGES, type CommentLanguage } from '@cairn/comments';
import { type Figures, figuresOf, type Label } from './comment-metrics';

export interface LabelledComment {
  id: string;
  lang: CommentLanguage;
  text: string;
  sentiment: Label;
  themes: string[];
}

export function labelledComments(): LabelledComment[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'comments-labelled.json'), 'utf8')) as LabelledComment[];
}

export function evaluateLabelledSet(): Record<CommentLanguage, Figures> {
  const comments = labelledComments();
  return Object.fromEntries(
    COMMENT_LANGUAGES.map((language) => [
      language,
      figuresOf(
        comments
          .filter((c) => c.lang === language)
          .map((c) => {
            const got = analyseComment(c.text, c.lang);
            return { expected: { label: c.sentiment, themes: c.themes }, actual: { label: got.sentiment.label, themes: got.themes } };
          }),
      ),
    ]),
  ) as Record<CommentLanguage, Figures>;
}
