// npm run eval:comments — the comment analyser against the held-out labelled set
// (test/fixtures/comments-labelled.json, rules in comments-labelled.md): per
// language, sentiment accuracy, macro-F1 and the confusion matrix, theme
// precision and recall per theme; then how often the language is detected
// right when no locale is given. Each comment is analysed with its language as
// the locale, as a worker does with the response's locale.
// EVAL_ERRORS=1 also lists the misread comments (for reading general patterns, not for one-off fixes).
import { analyseComment, type CommentLanguage, detectLanguage } from '@cairn/comments';
import { evaluateLabelledSet, labelledComments } from './comments-eval.set';
import { report } from './comments-eval.report';

const log = (line: string) => process.stdout.write(`${line}\n`);
const results = evaluateLabelledSet();
for (const [language, figures] of Object.entries(results)) report(language, figures, log);

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
