// Entry of the VS Code suites (scripts/test.mjs calls it; also `npm run test:vscode`). A watchdog around
// test/vscode/runner/main.ts: it owns the temp folder, bounds the whole run with a hard timeout, ends every
// process group the run started (code-server, extension hosts, Chromium) and prints `N passed, N failed` last.
//   node test/vscode/run.mjs [--host-only] [--ui-only] [--no-build] [--grep <text>]
//   PCL_VSCODE_TIMEOUT=<seconds> (default 600), PCL_KEEP_TMP=1 keeps the temp folder, PCL_VERBOSE=1 shows host logs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const timeoutMs = Number(process.env.PCL_VSCODE_TIMEOUT ?? 600) * 1000;
const tmp = mkdtempSync(join(tmpdir(), 'pcl-vscode-'));
const started = Date.now();
let passed = 0;
let failed = 0;
let timedOut = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function cleanup(runnerPid) {
  if (runnerPid) killGroup(runnerPid, 'SIGKILL');
  const pgids = existsSync(join(tmp, 'pgids')) ? readFileSync(join(tmp, 'pgids'), 'utf8').split('\n').filter(Boolean) : [];
  for (const pid of pgids) killGroup(Number(pid), 'SIGKILL');
  if (process.env.PCL_KEEP_TMP) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'vscode', 'runner', 'main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, PCL_VSCODE_TMP: tmp },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true, // its own process group: the watchdog can end it and everything it spawned in it
});

let pending = '';
child.stdout.on('data', (chunk) => {
  pending += chunk.toString();
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    const m = /^phase [\w-]+: (\d+) passed, (\d+) failed/.exec(line);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
    process.stdout.write(line + '\n');
  }
});

const timer = setTimeout(() => {
  timedOut = true;
  console.log(`\nVS Code suites: hard timeout after ${timeoutMs / 1000} s, ending every process of the run`);
  killGroup(child.pid, 'SIGKILL');
}, timeoutMs);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup(child.pid);
    process.exit(130);
  });
}

child.on('exit', (code) => {
  clearTimeout(timer);
  if (pending) process.stdout.write(pending + '\n');
  cleanup(child.pid);
  if (timedOut || (code !== 0 && failed === 0)) failed++;
  console.log(`VS Code suites took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
});
