import { build } from 'esbuild';
import { HOST_BUNDLE, ROOT } from '../lib/paths';

/** Bundles test/vscode/host/*.ts (the suites and the core they compare with) into one CommonJS file. */
export async function bundleHostTests(): Promise<string> {
  await build({
    entryPoints: ['test/vscode/host/index.ts'],
    outfile: HOST_BUNDLE,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode comes from the host; mocha is imported at run time from the repo's node_modules.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return HOST_BUNDLE;
}
