// Bundles the CLI (Node), the extension (Node host) and the web extension (browser host) with esbuild.
// The web bundle must not pull a Node built-in: the build fails if it does.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { builtinModules } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

execFileSync(process.execPath, ['scripts/check-core-purity.mjs'], { cwd: root, stdio: 'inherit' });

const define = { __PCL_VERSION__: JSON.stringify(pkg.version) };
const common = { bundle: true, sourcemap: !production, minify: production, define, logLevel: 'warning', absWorkingDir: root };

// The Node bundles load each tokenizer encoding (a ~2-3 MB rank table) from its own file, on first use: a start-up
// then compiles ~0.3 MB instead of ~8 MB (about 70 ms less per CLI run or extension activation). The web bundle keeps
// them inside (a web extension is one file).
const ENCODINGS = ['o200k_base', 'cl100k_base'];
// Inside each dist/enc/<name>.cjs, the rank table itself (an array of strings and byte arrays) is read from
// <name>.ranks.json with JSON.parse: parsing 2 MB of JSON costs ~70 ms of CPU, compiling and running the same array
// as JavaScript ~160 ms (measured on this machine), and the audit loads it while its worker threads scan.
const requireHere = createRequire(import.meta.url);
mkdirSync(new URL('../dist/enc/', import.meta.url), { recursive: true });
for (const name of ENCODINGS) {
  const ranks = requireHere(`gpt-tokenizer/cjs/bpeRanks/${name}`).default;
  writeFileSync(new URL(`../dist/enc/${name}.ranks.json`, import.meta.url), JSON.stringify(ranks));
}
const ranksFromJson = {
  name: 'ranks-from-json',
  setup(build) {
    build.onResolve({ filter: /\/bpeRanks\/[a-z0-9_]+\.js$/ }, (args) => {
      const name = args.path.split('/').pop().replace(/\.js$/, '');
      return ENCODINGS.includes(name) ? { path: name, namespace: 'ranks-json' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'ranks-json' }, (args) => ({
      contents: `import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nexport default JSON.parse(readFileSync(join(__dirname, ${JSON.stringify(args.path + '.ranks.json')}), 'utf8'));`,
      loader: 'js',
    }));
  },
};
const separateEncodings = {
  name: 'separate-encodings',
  setup(build) {
    // `import('gpt-tokenizer/encoding/x')` becomes a small module that `require`s ./enc/x.cjs next to the bundle
    // (require, not import(): Node's ESM loader would scan the 3 MB file for its exports first)
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/[a-z0-9_]+$/ }, (args) => {
      const name = args.path.split('/').pop();
      return ENCODINGS.includes(name) ? { path: name, namespace: 'separate-encoding' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'separate-encoding' }, (args) => ({ contents: `module.exports = require('./enc/${args.path}.cjs');`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/enc\// }, (args) => ({ path: args.path, external: true }));
  },
};
const builds = [
  // dist/cli.js and dist/audit-worker.js are small loaders that run the real bundles with a V8 code cache (codeCache.ts)
  esbuild.build({ ...common, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [separateEncodings] }),
  ...ENCODINGS.map((name) => esbuild.build({ ...common, sourcemap: false, entryPoints: [`gpt-tokenizer/encoding/${name}`], outfile: `dist/enc/${name}.cjs`, platform: 'node', format: 'cjs', target: 'node20', plugins: [ranksFromJson] })),
  esbuild.build({ ...common, entryPoints: ['src/cli/audit/workerEntry.ts'], outfile: 'dist/audit-worker.js', platform: 'node', format: 'cjs', target: 'node20' }),
  esbuild.build({ ...common, entryPoints: ['src/cli/audit/worker.ts'], outfile: 'dist/audit-worker-main.js', platform: 'node', format: 'cjs', target: 'node20' }),
];
if (existsSync(new URL('../src/vscode/extension.ts', import.meta.url))) {
  builds.push(esbuild.build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [separateEncodings] }));
  const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const noNodeInWeb = {
    name: 'no-node-builtins-in-web',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (nodeBuiltins.has(args.path)) return { errors: [{ text: `web bundle must not import the Node built-in '${args.path}' (imported by ${args.importer})` }] };
        return undefined;
      });
    },
  };
  builds.push(esbuild.build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], define: { ...define, 'process.env.NODE_ENV': '"production"' }, plugins: [noNodeInWeb] }));
  // The side panel's webview app (src/webview): runs in the webview iframe, loaded by nonce under a strict CSP.
  builds.push(esbuild.build({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/panel.js', platform: 'browser', format: 'iife', target: 'es2022', define: { ...define, 'process.env.NODE_ENV': '"production"' }, plugins: [noNodeInWeb] }));
}
try {
  await Promise.all(builds);
} catch {
  process.exit(1);
}
trainCodeCaches();
console.log(`built ${builds.length} bundle(s)${production ? ' (production)' : ''}`);

/**
 * Makes the V8 code caches of the CLI and of its audit workers (src/cli/codeCache.ts): runs the CLI on the sample
 * workspace on its main thread (dist/cli-main.cache), then on six copies of the labeled fixtures (~560 files), enough for a worker
 * (dist/audit-worker-main.cache). A cache holds the functions these runs compiled, for the Node that ran the build; a
 * run on another Node version compiles as usual. Only reports go to a temporary folder.
 */
function trainCodeCaches() {
  for (const f of ['cli-main.cache', 'audit-worker-main.cache']) rmSync(join(root, 'dist', f), { force: true });
  const tmp = mkdtempSync(join(tmpdir(), 'pcl-train-'));
  try {
    const cli = join(root, 'dist', 'cli.js');
    const run = (which, args) => execFileSync(process.execPath, [cli, 'audit', ...args, '--quiet', '--format', 'json', '--out', join(tmp, `${which}.json`)], { cwd: root, env: { ...process.env, PCL_CODE_CACHE: which }, stdio: ['ignore', 'ignore', 'inherit'] });
    run('cli', [join(root, 'samples', 'workspace'), '--workers', '0']);
    const tree = join(tmp, 'tree');
    for (let i = 0; i < 6; i++) cpSync(join(root, 'test', 'fixtures', 'labeled'), join(tree, `copy${i}`), { recursive: true });
    // (a worker takes the files from the first batch of 400 on a machine of 2 cores or more)
    run('worker', [tree, '--workers', '2']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of ['cli-main.cache', 'audit-worker-main.cache']) if (!existsSync(join(root, 'dist', f))) console.warn(`build: no code cache dist/${f} was made (the CLI compiles as usual)`);
}
