// The main job on the bundled sample workspace: audit it with the built CLI, print the Markdown report and write
// the HTML report to demo-report.html (the only file written).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const ws = join(root, 'samples', 'workspace');
const out = join(root, 'demo-report.html');
execFileSync(process.execPath, [cli, 'audit', ws, '--format', 'md'], { stdio: 'inherit' });
execFileSync(process.execPath, [cli, 'audit', ws, '--out', out, '--quiet'], { stdio: 'inherit' });
console.log(`\nHTML report: ${out}`);
