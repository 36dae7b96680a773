// `npm run test:electron`: the same host suites (test/vscode/host) in a downloaded desktop VS Code, through
// @vscode/test-electron. For machines that can reach update.code.visualstudio.com (a laptop, a hosted CI); it
// cannot run on the project's offline machines, where test/vscode/run.mjs (code-server) is the runner.
//   VSCODE_VERSION=stable (default) | 1.90.0 (the minimum in engines.vscode) | insiders
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { HOST_BUNDLE, ROOT, SAMPLE_WORKSPACE } from '../lib/paths';
import { bundleHostTests } from './bundle';

async function main(): Promise<number> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) return 1;
  await bundleHostTests();
  const tmp = mkdtempSync(join(tmpdir(), 'pcl-electron-'));
  const workspace = join(tmp, 'workspace');
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
  const resultFile = join(tmp, 'host-results.json');
  try {
    const code = await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      cachePath: join(ROOT, '.tmp', 'vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: HOST_BUNDLE,
      extensionTestsEnv: { PCL_HOST_RESULTS: resultFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(tmp, 'data'), '--extensions-dir', join(tmp, 'extensions')],
    });
    const r = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as { passed: number; failed: number }) : { passed: 0, failed: 1 };
    console.log(`${r.passed} passed, ${r.failed + (code !== 0 && r.failed === 0 ? 1 : 0)} failed`);
    return code === 0 && r.failed === 0 ? 0 : 1;
  } catch (err) {
    console.error(err);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
