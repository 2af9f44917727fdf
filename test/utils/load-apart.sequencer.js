// Keeps the files that load the machine away from the files that drive Chromium. Jest's two workers take files
// from one ordered list; a browser test measures seconds of a person's time (a tab closed after 3 s must have
// reported its click), and on two cores the chaos, crash and fuzz files, which start their own API, worker,
// Postgres or Redis processes, slow a page beside them past that (CI failed so). Ordering the list browser files
// first and those files last keeps them apart: the ~200 files in between outlast any one file.
// Within each group, Jest's own order (slowest known files first, else largest).
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const BROWSER = /from 'playwright-core'/;
// Own processes: the built or ts-registered apps, a Postgres or Redis of its own, the chaos and fuzz stacks.
const LOADS_MACHINE =
  /from '\.\/utils\/(api-process|worker-process|own-postgres|own-redis|own-redis-cluster)'|from '\.\/(chaos|fuzz)\/|spawn\(process\.execPath/;

function groupOf(path) {
  const source = fs.readFileSync(path, 'utf8');
  if (LOADS_MACHINE.test(source)) return 2;
  return BROWSER.test(source) ? 0 : 1;
}

class LoadApartSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const groups = [[], [], []];
    for (const test of sorted) groups[groupOf(test.path)].push(test);
    return groups.flat();
  }
}

module.exports = LoadApartSequencer;
module.exports.groupOf = groupOf;
