// `npm run test:redis-cluster` shares one cluster between its files; the failover file kills a master of it. Run last,
// it leaves the other files a whole cluster (3 masters, 3 replicas) and still fails over in the middle of the
// command's run of the webhook queue. Otherwise Jest's own order (slowest known files first).
const Sequencer = require('@jest/test-sequencer').default;

class FailoverLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const isFailover = (test) => test.path.endsWith('.cluster-spec.ts');
    return [...sorted.filter((test) => !isFailover(test)), ...sorted.filter(isFailover)];
  }
}

module.exports = FailoverLastSequencer;
