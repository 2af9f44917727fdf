// `npm run screenshots`: the browser tests write their screenshots to
// test-output/screenshots on every run; only this deliberate step puts them
// into docs/screenshots (tracked, shown in the README), so a test run never
// changes tracked files.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'test-output', 'screenshots');
const to = path.join(root, 'docs', 'screenshots');

const pictures = fs.existsSync(from) ? fs.readdirSync(from).filter((name) => name.endsWith('.png')) : [];
if (pictures.length === 0) {
  console.error(`no screenshots in ${path.relative(root, from)}: run the browser tests first (npx jest test/dashboard)`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const name of pictures) fs.copyFileSync(path.join(from, name), path.join(to, name));
console.log(`copied ${pictures.length} screenshots into ${path.relative(root, to)}: review and commit them`);
