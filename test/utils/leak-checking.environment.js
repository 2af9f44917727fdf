// Jest's node environment, failing a test file that leaves something running
// after its own teardown: an open socket, server, child process or a ref'd
// timer keeps the Jest worker alive (or, left by a file, keeps costing every
// file after it in that worker). Counted per kind of resource
// (process.getActiveResourcesInfo: only what keeps the event loop alive),
// before the file and after it; a resource still closing is waited for.
const { TestEnvironment } = require('jest-environment-node');

// Long enough for a process a file killed to be reaped and a socket to finish closing on a loaded machine.
const SETTLE_MS = 10_000;
const POLL_MS = 50;

function resourceCounts() {
  const counts = new Map();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** What runs now that did not before the file, by kind: e.g. { TCPSocketWrap: 1 }. */
function leftSince(before) {
  const left = {};
  for (const [kind, count] of resourceCounts()) if (count > (before.get(kind) ?? 0)) left[kind] = count - (before.get(kind) ?? 0);
  return left;
}

class LeakCheckingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    this.before = resourceCounts();
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    const deadline = Date.now() + SETTLE_MS;
    let left = leftSince(this.before);
    while (Object.keys(left).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS).unref());
      left = leftSince(this.before);
    }
    if (Object.keys(left).length > 0) {
      throw new Error(
        `${this.testPath} left running after its teardown (${SETTLE_MS / 1000} s): ${JSON.stringify(left)}. ` +
          'Close what the file opened in afterAll/afterEach (servers, clients, browsers, processes, timers), or unref() a timer.',
      );
    }
  }
}

module.exports = LeakCheckingEnvironment;
