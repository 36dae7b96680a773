// The VS Code suites, run by test/vscode/run.mjs (which bounds the run and cleans up):
//   1. install .vscode-host (fast when installed), 2. build + package the VSIX, 3. bundle the host tests,
//   4. host suites in the real extension host, 5. UI suites in the real browser (Node host and web worker host).
// Flags: --host-only, --ui-only, --no-build, --grep <text> (UI suites).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCREENSHOTS, vsixPath } from '../lib/paths';
import { bundleHostTests } from './bundle';
import { runHostPhase } from './hostPhase';
import { PhaseResult, reportPhase, seconds } from './result';
import { runUiPhase } from './uiPhase';

function step(label: string, cmd: string, args: string[]): boolean {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds(started)} s)`);
  return r.status === 0;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const grepAt = argv.indexOf('--grep');
  const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
  const hostOnly = argv.includes('--host-only');
  const uiOnly = argv.includes('--ui-only');

  rmSync(SCREENSHOTS, { recursive: true, force: true }); // no stale FAILED-*.png from an earlier run
  if (!step('install vscode host', 'bash', [join(ROOT, 'scripts', 'install-vscode-host.sh')])) {
    reportPhase({ name: 'setup', passed: 0, failed: 1, seconds: 0 });
    return 1;
  }
  if (!argv.includes('--no-build') && !step('build + package', process.execPath, [join(ROOT, 'scripts', 'package.mjs')])) {
    reportPhase({ name: 'setup', passed: 0, failed: 1, seconds: 0 });
    return 1;
  }
  process.env.PCL_VSIX = vsixPath();

  const results: PhaseResult[] = [];
  if (!uiOnly) {
    const started = Date.now();
    await bundleHostTests();
    console.log(`bundle host tests: ok (${seconds(started)} s)`);
    console.log('\n--- host suites (real extension host, code-server 1.139.1) ---');
    results.push(await runHostPhase());
    reportPhase(results[results.length - 1]);
  }
  if (!hostOnly) {
    console.log('\n--- UI suites (headless Chromium, VSIX installed) ---');
    results.push(await runUiPhase(grep));
    reportPhase(results[results.length - 1]);
  }
  return results.some((r) => r.failed > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    reportPhase({ name: 'crash', passed: 0, failed: 1, seconds: 0 });
    process.exit(1);
  },
);
