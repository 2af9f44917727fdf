// The held-out labelled set and the analyser's figures on it, shared by
// `npm run eval:comments` and the test that keeps the figures from falling.
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * `labelled`: the first set, whose errors were read while the rules were tuned (its figures flatter).
 * `holdout`: a second set written later and never read by whoever tunes the analyser: the honest measure.
 */
export type LabelledSet = 'labelled' | 'holdout';

const setPath = (set: LabelledSet) => join(__dirname, '..', 'fixtures', `comments-${set}.json`);

export function hasLabelledSet(set: LabelledSet): boolean {
  return existsSync(setPath(set));
}

export function labelledComments(set: LabelledSet = 'labelled'): LabelledComment[] {
  return JSON.parse(readFileSync(setPath(set), 'utf8')) as LabelledComment[];
}

export function evaluateLabelledSet(set: LabelledSet = 'labelled'): Record<CommentLanguage, Figures> {
  const comments = labelledComments(set);
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
