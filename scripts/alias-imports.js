// Codemod: every import that crosses into another lib goes through `@cairn/<lib>`
// (the lib's index.ts); imports inside one lib stay relative. It also adds to each
// libs/<lib>/index.ts what the rewritten imports need from it. Idempotent:
// `node scripts/alias-imports.js` converts imports written since (lint refuses them), merges
// several imports of one @cairn/<lib> into one, and runs Prettier on what it changed;
// `--check` only lists the files it would change.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const LIBS = path.join(ROOT, 'libs');
const DIRS = ['libs', 'apps', 'scripts', 'bench', 'test'];
const SKIP = new Set(['node_modules', 'generated', 'dist']);
const check = process.argv.includes('--check');

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) walk(full, out);
    } else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** 'libs/x/...' → 'x'; anything else → null. */
function libOf(file) {
  const parts = path.relative(LIBS, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
}

/** The file a specifier names, as a path without extension ('…/libs/x/index' for a folder). */
function target(spec, fromFile) {
  let base;
  if (spec.startsWith('@cairn/')) base = path.join(LIBS, spec.slice('@cairn/'.length));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  base = base.replace(/\.js$/, '');
  if (fs.existsSync(base) && fs.statSync(base).isDirectory()) return path.join(base, 'index');
  return base;
}

/** String-literal module specifiers of a file, with the names each one imports ('*' = all of them). */
function specifiers(source) {
  const found = [];
  const names = (clause) => {
    if (!clause) return ['*'];
    const list = [];
    if (clause.name) list.push('default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return ['*'];
    if (bindings) for (const el of bindings.elements) list.push((el.propertyName ?? el.name).text);
    return list;
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ literal: node.moduleSpecifier, names: names(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      found.push({
        literal: node.moduleSpecifier,
        names: clause && ts.isNamedExports(clause) ? clause.elements.map((el) => (el.propertyName ?? el.name).text) : ['*'],
      });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isJest = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'jest';
      if (isImport || isRequire || isJest) found.push({ literal: node.arguments[0], names: ['*'] });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ literal: node.argument.literal, names: ['*'] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Several `import { … } from '@cairn/x'` of one file become one (named imports only). */
function mergeImports(text, file) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const groups = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!spec.startsWith('@cairn/') || !clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings))
      continue;
    const key = `${clause.isTypeOnly ? 'type ' : ''}${spec}`;
    groups.set(key, [...(groups.get(key) ?? []), statement]);
  }
  const edits = [];
  for (const [key, statements] of groups) {
    if (statements.length < 2) continue;
    const names = [
      ...new Set(statements.flatMap((statement) => statement.importClause.namedBindings.elements.map((el) => el.getText(source)))),
    ];
    const typeOnly = key.startsWith('type ') ? 'type ' : '';
    const spec = statements[0].moduleSpecifier.text;
    edits.push({
      start: statements[0].getStart(source),
      end: statements[0].getEnd(),
      text: `import ${typeOnly}{ ${names.join(', ')} } from '${spec}';`,
    });
    for (const statement of statements.slice(1)) {
      let end = statement.getEnd();
      if (text[end] === '\n') end += 1;
      edits.push({ start: statement.getFullStart() === 0 ? 0 : statement.getStart(source), end, text: '' });
    }
  }
  let out = text;
  for (const edit of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

const files = DIRS.flatMap((dir) => (fs.existsSync(path.join(ROOT, dir)) ? walk(path.join(ROOT, dir)) : []));
/** lib → (file of that lib without extension → names other libs need from it). */
const needs = new Map();
const changed = [];

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const from = libOf(file);
  const edits = [];
  for (const { literal, names } of specifiers(source)) {
    const spec = literal.text;
    const to = target(spec, file);
    if (to === null) continue;
    const lib = libOf(to);
    if (lib === null || lib === from) continue;
    let inner = path.relative(path.join(LIBS, lib), to).split(path.sep).join('/');
    // The generated Prisma client is one surface: its siblings are re-exported by generated/client.
    if (inner.startsWith('generated/')) inner = 'generated/client';
    if (inner !== 'index') {
      if (!needs.has(lib)) needs.set(lib, new Map());
      const wanted = needs.get(lib).get(inner) ?? new Set();
      for (const name of names) wanted.add(name);
      needs.get(lib).set(inner, wanted);
    }
    const alias = `@cairn/${lib}`;
    if (spec !== alias) edits.push({ start: literal.getStart(source) + 1, end: literal.getEnd() - 1, text: alias });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  out = mergeImports(out, file);
  if (out === text) continue;
  changed.push(path.relative(ROOT, file));
  if (!check) fs.writeFileSync(file, out);
}

/** What libs/<lib>/index.ts already re-exports: file → names ('*' for export *). */
function indexExports(indexFile) {
  const exported = new Map();
  if (!fs.existsSync(indexFile)) return exported;
  const source = ts.createSourceFile(indexFile, fs.readFileSync(indexFile, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier) continue;
    const file = statement.moduleSpecifier.text.replace(/^\.\//, '').replace(/\.js$/, '');
    const names = exported.get(file) ?? new Set();
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause)) for (const el of clause.elements) names.add(el.name.text);
    else if (!clause) names.add('*');
    exported.set(file, names);
  }
  return exported;
}

const indexes = [];
for (const lib of fs.readdirSync(LIBS).sort()) {
  const dir = path.join(LIBS, lib);
  if (!fs.statSync(dir).isDirectory()) continue;
  const indexFile = path.join(dir, 'index.ts');
  const exported = indexExports(indexFile);
  const lines = [];
  for (const [file, names] of [...(needs.get(lib) ?? new Map())].sort(([a], [b]) => a.localeCompare(b))) {
    const have = exported.get(file);
    if (have?.has('*')) continue;
    const missing = [...names].filter((name) => !have?.has(name));
    if (missing.length === 0) continue;
    if (have === undefined || missing.includes('*') || missing.includes('default')) lines.push(`export * from './${file}';`);
    else lines.push(`export { ${missing.sort().join(', ')} } from './${file}';`);
  }
  const fresh = !fs.existsSync(indexFile);
  if (lines.length === 0) continue;
  indexes.push(path.relative(ROOT, indexFile));
  if (check) continue;
  const head = fresh ? `// Public surface of libs/${lib}: other libs, the apps, scripts and tests import it as @cairn/${lib}.\n` : '';
  const before = fresh ? '' : fs.readFileSync(indexFile, 'utf8').replace(/\n*$/, '\n');
  fs.writeFileSync(indexFile, before + head + lines.join('\n') + (lines.length ? '\n' : ''));
}

// Merged imports can outgrow a line: Prettier lays them out as the rest of the code.
if (!check && changed.length + indexes.length > 0) {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level', 'warn', ...changed, ...indexes], {
    cwd: ROOT,
  });
}
for (const file of [...changed, ...indexes]) console.log(`${check ? 'would change' : 'changed'} ${file}`);
if (check && changed.length + indexes.length > 0) process.exitCode = 1;
