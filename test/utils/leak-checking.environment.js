// Jest's node environment, failing a test file that leaves something running
// after its own teardown: an open socket, server, child process or a ref'd
// timer keeps the Jest worker alive (or, left by a file, keeps costing every
// file after it in that worker). Counted per kind of resource
// (process.getActiveResourcesInfo: only what keeps the event loop alive),
// before the file and after it; a resource still closing is waited for.
const fs = require('node:fs');
const path = require('node:path');
const { PerformanceObserver } = require('node:perf_hooks');
const { TestEnvironment } = require('jest-environment-node');

// What a file's modules leave on objects the Jest worker shares across files would keep that file's whole module
// registry (Nest, Prisma, BullMQ: 30-40 MB) alive until the worker ends, and each major GC would mark them all. Two
// such holds are undone after each file: the PerformanceObservers it started (prom-client's GC histogram starts one
// with every API app, never stopped), and the properties lodash/fp adds to Buffer.isBuffer (the worker's own
// Buffer, which mjml's lodash/fp takes as its isBuffer and marks with a .convert closure).
const observers = new Set();
const observe = PerformanceObserver.prototype.observe;
PerformanceObserver.prototype.observe = function (...args) {
  observers.add(this);
  return observe.apply(this, args);
};

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

// JEST_CPU_LOG=<file>: a line per test file with the CPU seconds its Jest worker spent, those of the child processes it
// reaped (worker and API processes, Chromium), and its wall seconds. The suite is CPU-bound on two cores, so its time
// is their sum over two; this says which files it goes to (`sort -rn` the file).
const CPU_LOG = process.env.JEST_CPU_LOG;
function cpuSeconds() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (a, b) => (Number(fields[a]) + Number(fields[b])) / 100; // USER_HZ
  return { self: ticks(11, 12), children: ticks(13, 14), wall: Date.now() / 1000 };
}

class LeakCheckingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    if (CPU_LOG) this.cpuAtStart = cpuSeconds();
    this.before = resourceCounts();
    await super.setup();
  }

  async teardown() {
    for (const observer of observers) observer.disconnect();
    observers.clear();
    for (const name of Object.keys(Buffer.isBuffer)) delete Buffer.isBuffer[name];
    await super.teardown();
    if (CPU_LOG) {
      const [end, start] = [cpuSeconds(), this.cpuAtStart];
      const spent = ['self', 'children', 'wall'].map((key) => (end[key] - start[key]).toFixed(1));
      fs.appendFileSync(CPU_LOG, `${spent.join('\t')}\t${path.relative(process.cwd(), this.testPath)}\n`);
    }
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
