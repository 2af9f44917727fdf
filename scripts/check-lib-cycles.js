// Part of `npm run lint`: fails when libs depend on each other in a cycle. A lib
// depends on another when one of its files imports @cairn/<other> (ESLint's
// no-restricted-imports in eslint.config.mjs makes that the only way across).
// Cycles through index.ts files would also leave Nest classes undefined at
// decoration time, so none is allowed, spec files included.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const LIBS = path.join(__dirname, '..', 'libs');

function files(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') files(full, out);
    } else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** lib → Map(other lib → first file seen importing it). */
const graph = new Map();
for (const lib of fs.readdirSync(LIBS).filter((name) => fs.statSync(path.join(LIBS, name)).isDirectory())) {
  const edges = new Map();
  for (const file of files(path.join(LIBS, lib))) {
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      const match = /^@cairn\/([^/]+)/.exec(fileName);
      if (match && match[1] !== lib && !edges.has(match[1])) edges.set(match[1], path.relative(path.join(LIBS, '..'), file));
    }
  }
  graph.set(lib, edges);
}

// Tarjan's strongly connected components: every component of more than one lib is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const cycles = [];
function visit(lib) {
  index.set(lib, counter);
  low.set(lib, counter++);
  stack.push(lib);
  for (const next of graph.get(lib)?.keys() ?? []) {
    if (!graph.has(next)) continue;
    if (!index.has(next)) {
      visit(next);
      low.set(lib, Math.min(low.get(lib), low.get(next)));
    } else if (stack.includes(next)) low.set(lib, Math.min(low.get(lib), index.get(next)));
  }
  if (low.get(lib) !== index.get(lib)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    component.push(member);
  } while (member !== lib);
  if (component.length > 1) cycles.push(component.sort());
}
for (const lib of graph.keys()) if (!index.has(lib)) visit(lib);

if (cycles.length > 0) {
  for (const component of cycles) {
    console.error(`libs in a dependency cycle: ${component.join(', ')}`);
    for (const lib of component) {
      for (const [other, file] of graph.get(lib)) if (component.includes(other)) console.error(`  ${lib} -> ${other} (${file})`);
    }
  }
  process.exitCode = 1;
} else {
  console.log(`no dependency cycle between the ${graph.size} libs`);
}
