// Run after `npm install` on this project's machines: their npm registry serves
// only the platform packages of linux-x64, so npm writes a lockfile that names
// optional native builds for other platforms (darwin, win32, …) without entries,
// and `npm ci` then refuses the lockfile. This drops those dangling optional
// references; on other platforms run `npm install` once to restore them.
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let pruned = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
      delete entry.optionalDependencies[name];
      pruned += 1;
    }
  }
  if (!Object.keys(entry.optionalDependencies).length) delete entry.optionalDependencies;
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`pruned ${pruned} optional dependencies without a lockfile entry\n`);
