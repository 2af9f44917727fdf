// English additions to AFINN-165, which has no valence for much of how
// customers describe service ("slow", "late", "quick", "ok", "smooth") and
// rates a few words differently from their meaning in feedback.
// prettier-ignore
export const EN_LEXICON: Record<string, number> = {
  slow: -2, slower: -2, slowly: -2, late: -2, delayed: -2, delay: -2, delays: -2, quick: 2, quickly: 2, fast: 2,
  faster: 1, speedy: 2, smooth: 2, smoothly: 2, seamless: 3, hassle: -2, effortless: 3, ok: 0.5, okay: 0.5, fine: 0.5,
  decent: 1, expensive: -2, overpriced: -3, pricey: -2, cheap: 1, affordable: 2, unfriendly: -3, unhelpful: -3,
  helpful: 3, knowledgeable: 2, polite: 2, impolite: -3, clunky: -2, buggy: -3, confusing: -2, complicated: -2,
  broken: -3, damaged: -3, defective: -3, faulty: -3, missing: -2, wrong: -2, lost: -2, issue: -2, issues: -2,
  nightmare: -4, joke: -2, ridiculous: -3, unacceptable: -4, disappointing: -3, disappointed: -3, poor: -3,
  terrible: -4, horrible: -4, awful: -4, worst: -4, mediocre: -2, sloppy: -3, rubbish: -3, crap: -3, garbage: -3,
  excellent: 4, outstanding: 4, superb: 4, brilliant: 4, perfect: 3, perfectly: 3, lovely: 3, spot: 0, recommend: 3,
  recommended: 3, thanks: 2, thank: 2, happy: 3, pleased: 3, satisfied: 3, unhappy: -3, dissatisfied: -3,
  frustrating: -3, annoying: -3, easy: 2, easily: 2, reliable: 2, unreliable: -3, rude: -3, useless: -4, fantastic: 4,
  amazing: 4, great: 3, good: 3, nice: 2, bad: -3, sadly: -2, unfortunately: -2, meh: -1, sucks: -3, sucked: -3,
  waited: -1, waiting: -1, forever: -1, scam: -4, ripoff: -4, refund: 0, super: 2, cool: 2, clear: 1, tasty: 3,
  delicious: 4, fresh: 2, stale: -2, cheaply: -2, flimsy: -3,
  support: 0, fair: 2, simple: 2, soaked: -2, wet: -2, week: -1, weeks: -1.5, month: -1, months: -2, keeps: -1, constantly: -1, free: 1,
  quality: 0, fit: 0, interest: 0, share: 0, want: 0, care: 0, like: 1, value: 0, please: 0,
  increased: -1, raised: -1,
  gift: 0, alright: 0.5,
  declined: -2, rejected: -2, crash: -2, crashes: -2, crashed: -2, crashing: -2, hidden: -2, ignored: -3, pointless: -3, soggy: -2, cold: -1, shrank: -2, shrunk: -2, scratches: -2, scratched: -2, stain: -1.5, ugh: -2, yuck: -3, ages: -1.5,
};

// Expected things that did not happen: neutral alone, a complaint when negated
// ("never arrived", "didn't work", "no answer").
// prettier-ignore
export const EN_EXPECTED = [
  'arrived', 'arrive', 'came', 'come', 'delivered', 'received', 'receive', 'got', 'get', 'answer', 'answered', 'reply',
  'replied', 'response', 'responded', 'work', 'works', 'worked', 'working', 'solve', 'solved', 'fix', 'fixed',
  'resolved', 'resolve', 'heard', 'called', 'fit', 'fits', 'listen', 'listened', 'show', 'showed', 'back', 'help',
  'helped', 'refunded', 'sort', 'sorted', 'load', 'loads', 'buy', 'order', 'shop', 'return',
  'told', 'tell', 'call', 'ring', 'log',
  'update', 'updates', 'confirmation', 'information', 'info', 'notification', 'email', 'message', 'news', 'accepted', 'accept', 'feedback',
  'mentioned', 'said', 'understand', 'understands', 'matches', 'match', 'updated',
];
