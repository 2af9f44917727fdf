// One answer's score as a chip (comments, cases), in the map cards' red–blue
// scale anchored per metric (score-scale.js: the colour a card of such answers
// would have). Text in the class's text colour on its tint, ringed in its fill:
// at least 4.5:1 whatever the class, where white on the lighter fills was not.
import { h } from '../dom.js';
import { answerColors } from '../score-scale.js';

export function answerChip(metric, score, attributes = {}) {
  const color = answerColors(metric, score);
  return h(
    'span',
    {
      class: 'score-chip',
      style: { background: color.tint, color: color.text, boxShadow: `inset 0 0 0 2px ${color.fill}` },
      dataset: { side: color.side, colorClass: color.index ?? '' },
      ...attributes,
    },
    String(score),
  );
}
