// Entry of the tests that run INSIDE a real VS Code extension host (code-server via the smoke-test payload, or
// Electron via @vscode/test-electron). The host requires this bundle and awaits run().
import { writeFileSync } from 'fs';
import type MochaType from 'mocha';

interface HostResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

function lineReporter(Mocha: typeof MochaType, results: HostResults): MochaType.ReporterConstructor {
  return class LineReporter extends Mocha.reporters.Base {
    constructor(runner: MochaType.Runner, options?: MochaType.MochaOptions) {
      super(runner, options);
      runner.on('pass', (t) => {
        results.passed++;
        console.log(`  ✓ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
      });
      runner.on('fail', (t, err: Error) => {
        results.failed++;
        results.failures.push({ title: t.fullTitle(), error: err.message });
        console.log(`  ✗ ${t.fullTitle()}\n      ${(err.stack ?? err.message).split('\n').slice(0, 6).join('\n      ')}`);
      });
    }
  };
}

export async function run(): Promise<void> {
  const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof MochaType };
  const results: HostResults = { passed: 0, failed: 0, failures: [] };
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: lineReporter(Mocha, results) });
  // The suites are bundled into this file: define describe/it before loading them.
  mocha.suite.emit('pre-require', globalThis, 'host-bundle', mocha);
  require('./annotations.test');
  require('./codeLens.test');
  require('./hover.test');
  require('./diagnostics.test');
  require('./statusBar.test');
  require('./commands.test');
  require('./settings.test');
  require('./liveEdit.test');
  require('./panel.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`host suites: ${results.passed} passed, ${results.failed} failed`);
  const out = process.env.PCL_HOST_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results));
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}
