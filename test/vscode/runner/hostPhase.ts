import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from '../lib/browser';
import { startCodeServer } from '../lib/codeServer';
import { HOST_BUNDLE, ROOT, SCREENSHOTS, tmpRoot } from '../lib/paths';
import { PhaseResult, seconds, withTimeout } from './result';

const HOST_TIMEOUT_MS = 180_000;

/**
 * Runs the mocha suites of test/vscode/host inside code-server's real extension host: the workbench is opened in
 * headless Chromium with `?payload=[extensionDevelopmentPath, extensionTestsPath]` (honoured only because the
 * server runs with the smoke-test driver), and reports back through codeAutomationLog / codeAutomationExit.
 */
export async function runHostPhase(): Promise<PhaseResult> {
  const started = Date.now();
  const resultFile = join(tmpRoot(), 'host-results.json');
  const server = await startCodeServer({ name: 'host', smokeTestDriver: true, env: { PCL_HOST_RESULTS: resultFile } });
  const browser = await launchBrowser('host-browser');
  let exitCode = 1;
  try {
    const { page } = browser;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.PCL_VERBOSE || /^\s*[✓✗]|host suites:|^\s{4,}\S/.test(line)) console.log(line);
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(HOST_BUNDLE)],
    ];
    await page.goto(server.workbenchUrl(payload));
    try {
      exitCode = await withTimeout(exited, HOST_TIMEOUT_MS, 'host tests');
    } catch (err) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'FAILED-host-timeout.png') }).catch(() => undefined);
      console.log(String(err));
      console.log(server.log().split('\n').slice(-30).join('\n'));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (!existsSync(resultFile)) {
    console.log(`host tests ended with code ${exitCode} without writing results (the bundle failed to load?)`);
    return { name: 'host', passed: 0, failed: 1, seconds: seconds(started) };
  }
  const r = JSON.parse(readFileSync(resultFile, 'utf8')) as { passed: number; failed: number };
  const failed = r.failed + (exitCode !== 0 && r.failed === 0 ? 1 : 0);
  return { name: 'host', passed: r.passed, failed, seconds: seconds(started) };
}
