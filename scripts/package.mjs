// Builds the production bundles and packs the VSIX with @vscode/vsce (works offline: no dependencies are
// packed, everything is bundled). Checks that the files the extension needs are inside, prints its size.
//   node scripts/package.mjs            -> prompt-cost-lens-<version>.vsix in the repo root
//   node scripts/package.mjs --no-build -> pack the current dist/ as it is
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Where the VSIX is written; test/vscode/run.mjs installs it from here. */
export const vsixPath = join(root, `${pkg.name}-${pkg.version}.vsix`);
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/web/extension.js', 'extension/dist/webview/panel.js', 'extension/media/panel/panel.css'];

/** Names of the entries of a zip file, read from its central directory (no unzip tool needed). */
export function listZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  }
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--out', vsixPath];
  if (!existsSync(join(root, 'LICENSE'))) args.push('--skip-license'); // otherwise vsce asks on the terminal
  // README images are relative (docs/images/…): vsce needs a base URL to rewrite them and cannot guess one from a
  // repository that is not on GitHub/GitLab, so derive it from package.json's repository.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/\.git$/, '');
  if (repo) args.push('--baseContentUrl', `${repo}/blob/main/`, '--baseImagesUrl', `${repo}/raw/main/`);
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

  const listing = listZip(readFileSync(vsixPath));
  const missing = REQUIRED.filter((f) => !listing.includes(f));
  if (missing.length > 0) {
    console.error(`VSIX is missing: ${missing.join(', ')}`);
    process.exit(1);
  }
  const files = listing.filter((f) => f.startsWith('extension/'));
  const kb = (statSync(vsixPath).size / 1024).toFixed(1);
  console.log(`packaged ${vsixPath} (${kb} KiB, ${files.length} files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of files) console.log(`  ${f}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
