// Starts the files that take longest first, so that the suite's wall time is its file time shared by the workers
// and not that plus a long file started last.
//
// Jest orders by each file's duration in its cache, and without one (a fresh clone: CI) by file size. Size says
// little here: chaos.e2e-spec.ts is one of the smallest files and runs ~75 s (it starts API and worker processes),
// and started 229th of 241 it ran on alone at the end (that run: 674 s wall for 1,265 s of file time on two
// workers). So the files that took over 15 s in a full run (test-output/test-durations.tsv, printed at the end of
// every run) come first when Jest has no durations of its own; the rest keep Jest's order. A file missing from the
// list only costs wall time, never a result.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

// Roughly slowest first, files that start API, worker or Redis processes alternating with browser files, so that
// the workers (three, jest.config.js) seldom run more than two of the former at once. Every file over 15 s in the
// clean-clone CI run of 2026-12-06 (three workers) is here.
const SLOW_FIRST = [
  'test/chaos.e2e-spec.ts',
  'test/dashboard-settings.e2e-spec.ts',
  'test/redis-cluster.e2e-spec.ts',
  'test/dashboard-cases.e2e-spec.ts',
  'test/distribution-crash-points.e2e-spec.ts',
  'test/dashboard.e2e-spec.ts',
  'test/distribution-recovery.e2e-spec.ts',
  'test/answering-browser.e2e-spec.ts',
  'test/distribution-crash.e2e-spec.ts',
  'test/answering-click.e2e-spec.ts',
  'test/postgres-restart.e2e-spec.ts',
  'test/deliverability.e2e-spec.ts',
  'test/dashboard-first-load.e2e-spec.ts',
  'test/webhooks-crash.e2e-spec.ts',
  'test/dashboard-improvements.e2e-spec.ts',
  'test/trust-no-trace.e2e-spec.ts',
  'test/api-fuzz.e2e-spec.ts',
  'test/dashboard-map-layers.e2e-spec.ts',
  'test/distribution-delivery.e2e-spec.ts',
  'test/api-cluster.e2e-spec.ts',
  'test/dashboard-widget.e2e-spec.ts',
  'test/dashboard-api.e2e-spec.ts',
  'test/postgres-terminate.e2e-spec.ts',
  'test/answering-settle.e2e-spec.ts',
  'test/dashboard-drivers.e2e-spec.ts',
  'test/scores-rollups.e2e-spec.ts',
  'test/boot-output.e2e-spec.ts',
  'test/dashboard-map.e2e-spec.ts',
  'test/trust-log-redaction.e2e-spec.ts',
  'test/relationship-surveys.e2e-spec.ts',
  'test/partitioning-conversion.e2e-spec.ts',
  'test/responses-import.e2e-spec.ts',
  'test/redis-outage.e2e-spec.ts',
  'test/partitioning-layout.e2e-spec.ts',
  'test/openapi-client.e2e-spec.ts',
  'test/webhooks-delivery.e2e-spec.ts',
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => SLOW_FIRST.indexOf(path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/'));
    const ordered = super.sort(tests);
    // Jest knows the durations of an earlier run here (its cache): its own order, slowest first, is the fresher one.
    if (ordered.some((test) => test.duration != null)) return ordered;
    const listed = ordered.filter((test) => rank(test) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...listed, ...ordered.filter((test) => rank(test) < 0)];
  }
}

module.exports = SlowFirstSequencer;
