import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, pgidFile, SAMPLE_WORKSPACE, tmpRoot } from './paths';

export interface CodeServerOptions {
  /** Folder name of this instance under the run's temp root. */
  readonly name: string;
  /** Pass `--vscode-option enable-smoke-test-driver` (needed for extensionDevelopmentPath/extensionTestsPath). */
  readonly smokeTestDriver?: boolean;
  /** A VSIX installed into this instance's (empty) extensions folder before it starts. */
  readonly vsix?: string;
  /** User settings written over the defaults below. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server (it reaches the extension host). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** A fresh copy of samples/workspace: tests may edit it. */
  readonly workspace: string;
  readonly dir: string;
  /** The workbench URL opening the workspace, with an optional `?payload=` list. */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** `vscode-remote://` URI of a path on the server, as the payload expects. */
  remoteUri(path: string): string;
  log(): string;
  /** The user settings the server started with. */
  readonly defaultSettings: Readonly<Record<string, unknown>>;
  stop(): Promise<void>;
}

const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  // UI tests type into editors: no auto-closing or re-indenting of what they type.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** HOME, XDG_* and TMPDIR inside `dir`: code-server and Chromium write into the home folder otherwise. */
export function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const home = join(dir, 'home');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache'), TMPDIR: join(dir, 'tmp') };
  for (const d of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME, env.TMPDIR]) mkdirSync(d as string, { recursive: true });
  return env;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Starts code-server (VS Code 1.139.1) on a free loopback port, isolated in the run's temp folder. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const dir = join(tmpRoot(), opts.name);
  const dataDir = join(dir, 'data');
  const extDir = join(dir, 'extensions');
  const workspace = join(dir, 'workspace');
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  mkdirSync(extDir, { recursive: true });
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
  const defaultSettings = { ...DEFAULT_SETTINGS, ...opts.settings };
  writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(defaultSettings, null, 2));
  const env: NodeJS.ProcessEnv = { ...isolatedEnv(dir), EXTENSIONS_GALLERY: '{}', ...opts.env };
  const base = [CODE_SERVER_ENTRY, '--user-data-dir', dataDir, '--extensions-dir', extDir];

  if (opts.vsix) {
    const r = spawnSync(NODE24, [...base, '--install-extension', opts.vsix], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`installing ${opts.vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }

  const port = await freePort();
  const logPath = join(dir, 'code-server.log');
  const out = openSync(logPath, 'a');
  const args = [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', out, out] });
  if (child.pid === undefined) throw new Error('code-server did not start');
  appendFileSync(pgidFile(), `${child.pid}\n`);
  const pid = child.pid;
  const url = `http://127.0.0.1:${port}`;
  const log = (): string => readFileSync(logPath, 'utf8');

  const stop = async (): Promise<void> => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    if (!(await waitForExit(child, 3000))) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    try {
      process.kill(-pid, 'SIGKILL'); // children that outlived the server (extension host, pty host)
    } catch {
      /* none left */
    }
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  const remoteUri = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
  const workbenchUrl = (payload?: ReadonlyArray<readonly [string, string]>): string => {
    let u = `${url}/?folder=${encodeURIComponent(workspace)}`;
    if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return u;
  };
  return { url, port, workspace, dir, defaultSettings, workbenchUrl, remoteUri, log, stop };
}
