// Runs every test suite of the project and prints one closing line: `N passed, N failed`.
//   node scripts/test.mjs            unit + host (real VS Code) + UI (real browser) suites
//   node scripts/test.mjs --unit     unit tests only (plain Node, no VS Code)
// Each phase prints its own output; the counts are summed. Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unitOnly = process.argv.includes('--unit');
let passed = 0;
let failed = 0;

function run(label, cmd, args, opts = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

// 1. build and static checks: bundles, core purity, types (each counts as one test)
for (const [label, args] of [
  ['build (esbuild)', ['scripts/build.mjs']],
  ['core purity', ['scripts/check-core-purity.mjs']],
  ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']],
]) {
  if (run(label, process.execPath, args) === 0) passed++;
  else failed++;
}

// 2. unit tests of the core and CLI in plain Node (node --test)
const unitDir = join(root, 'test', 'unit');
const unitFiles = readdirSync(unitDir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test', 'unit', f));
const tmp = mkdtempSync(join(tmpdir(), 'pcl-test-'));
const tap = join(tmp, 'unit.tap');
const status = run('unit tests (node --test)', process.execPath, [
  '--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...unitFiles,
]);
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const p = Number(/^# pass (\d+)/m.exec(tapText)?.[1] ?? 0);
const f = Number(/^# fail (\d+)/m.exec(tapText)?.[1] ?? 0);
passed += p;
failed += f;
if (status !== 0 && f === 0) failed++; // crashed without reporting a failure
rmSync(tmp, { recursive: true, force: true });

/** Runs a sub-runner that prints its own `N passed, N failed` line and adds its counts (a crash counts as a failure). */
function runCounted(label, args) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const m = [...(r.stdout ?? '').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (r.status !== 0 && (!m || Number(m[2]) === 0)) failed++;
}

// 3. the HTML audit report in headless Chromium; 4. suites in a real VS Code (code-server) and a real browser
if (!unitOnly && existsSync(join(root, 'test', 'html', 'screenshot.mjs'))) runCounted('HTML report in Chromium', ['--import', 'tsx', 'test/html/screenshot.mjs']);
if (!unitOnly && existsSync(join(root, 'test', 'vscode', 'run.mjs'))) runCounted('VS Code suites', ['test/vscode/run.mjs']);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
