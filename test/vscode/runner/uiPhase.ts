import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';
import { ROOT } from '../lib/paths';
import { PhaseResult, seconds } from './result';

/**
 * Runs test/vscode/ui/*.test.ts with mocha in this process: each suite starts its own code-server with the VSIX
 * installed and drives it in headless Chromium (see ui/workbench.ts).
 */
export async function runUiPhase(grep?: string): Promise<PhaseResult> {
  const started = Date.now();
  const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof MochaType };
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  if (grep) mocha.grep(grep);
  const dir = join(ROOT, 'test', 'vscode', 'ui');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) mocha.addFile(join(dir, f));
  await mocha.loadFilesAsync();
  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
  return { name: 'ui', passed, failed, seconds: seconds(started) };
}
