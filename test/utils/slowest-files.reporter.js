// Prints the slowest test files after every run and keeps all durations in
// test-output/test-durations.tsv: the suite must stay under 10 minutes, and a
// CI log is where a slow file is first seen.
const fs = require('node:fs');
const path = require('node:path');

class SlowestFilesReporter {
  // options.file: another name than test-durations.tsv, for a separate command's runs (npm run test:redis-cluster).
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.fileName = options.file ?? 'test-durations.tsv';
    this.files = [];
  }

  onTestResult(test, result) {
    const { start, end } = result.perfStats;
    this.files.push({ file: path.relative(this.rootDir, test.path), seconds: (end - start) / 1000 });
  }

  onRunComplete(_contexts, results) {
    if (this.files.length < 2) return;
    const sorted = [...this.files].sort((a, b) => b.seconds - a.seconds);
    const total = sorted.reduce((sum, f) => sum + f.seconds, 0);
    const wall = (Date.now() - results.startTime) / 1000;
    const lines = sorted.slice(0, 12).map((f) => `${f.seconds.toFixed(0).padStart(6)} s  ${f.file}`);
    process.stdout.write(
      `\nSlowest test files (${sorted.length} files, ${total.toFixed(0)} s in all, ${wall.toFixed(0)} s wall):\n${lines.join('\n')}\n`,
    );
    const dir = path.join(this.rootDir, 'test-output');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, this.fileName), sorted.map((f) => `${f.seconds.toFixed(1)}\t${f.file}`).join('\n') + '\n');
  }
}

module.exports = SlowestFilesReporter;
