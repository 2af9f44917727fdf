// npm run eval:comments — the comment analyser against the held-out labelled set
// (test/fixtures/comments-labelled.json, rules in comments-labelled.md): per
// language, sentiment accuracy, macro-F1 and the confusion matrix, theme
// precision and recall per theme; then how often the language is detected
// right when no locale is given. Each comment is analysed with its language as
// the locale, as a worker does with the response's locale.
// EVAL_ERRORS=1 also lists the misread comments (for reading general patterns, not for one-off fixes).
import { analyseComment, type CommentLanguage, detectLanguage } from '@cairn/comments';
import { evaluateLabelledSet, hasLabelledSet, labelledComments, type LabelledSet } from './comments-eval.set';
import { report } from './comments-eval.report';

const log = (line: string) => process.stdout.write(`${line}\n`);
const TITLES: Record<LabelledSet, string> = {
  labelled: 'comments-labelled.json — read while tuning the rules: optimistic',
  holdout: 'comments-holdout.json — never read while tuning: the honest measure',
};
for (const set of ['labelled', 'holdout'] as const) {
  if (!hasLabelledSet(set)) continue;
  log(`\n=== ${TITLES[set]} ===`);
  for (const [language, figures] of Object.entries(evaluateLabelledSet(set))) report(language, figures, log);
}

// Errors and detection are read on the tuning set only: the held-out set's comments stay unread.
const comments = labelledComments();
const detected = comments.filter((c) => detectLanguage(c.text) === c.lang).length;
log(`\nlanguage detected without a locale: ${detected}/${comments.length} (${((detected / comments.length) * 100).toFixed(1)}%)`);

if (process.env.EVAL_ERRORS === '1') {
  for (const c of comments) {
    const got = analyseComment(c.text, c.lang as CommentLanguage);
    const themesWrong = [...got.themes].sort().join() !== [...c.themes].sort().join();
    if (got.sentiment.label !== c.sentiment || themesWrong) {
      log(`${c.id} ${c.sentiment}→${got.sentiment.label} (${got.sentiment.score}) [${c.themes}]→[${got.themes}] ${c.text}`);
    }
  }
}
