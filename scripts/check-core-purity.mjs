// Fails when src/core imports vscode, a Node built-in, or touches the DOM.
// The core must run unchanged in the CLI, the extension host and a browser (web extension).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const coreDir = process.argv[2] ? process.argv[2] : join(root, 'src', 'core');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const domGlobals = /\b(window|document|navigator|localStorage|XMLHttpRequest|process|Buffer|__dirname|require)\s*[.(\[]/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const problems = [];
for (const file of files(coreDir)) {
  // blank out block comments (keeping line numbers) so prose such as "the document." is not read as code
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    const where = `${relative(root, file)}:${i + 1}`;
    for (const m of line.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec === 'vscode' || builtins.has(spec) || spec.startsWith('node:')) problems.push(`${where}: imports '${spec}'`);
    }
    const code = line.replace(/\/\/.*$/, '');
    if (domGlobals.test(code) && !/^\s*\*/.test(line)) problems.push(`${where}: uses a host global: ${line.trim()}`);
  });
}
if (problems.length) {
  console.error('src/core must stay pure (no vscode, no node:*, no DOM or Node globals):');
  for (const p of problems) console.error('  ' + p);
  process.exit(1);
}
console.log('core purity: ok');
