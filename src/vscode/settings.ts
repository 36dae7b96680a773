import * as vscode from 'vscode';
import { parseConfigFile, parseSettings } from '../core/config/parse';
import type { ConfigProblem } from '../core/config/parse';
import { settingsShape } from '../core/config/schema';
import type { SettingKey, Settings } from '../core/config/schema';
import { CONFIG_FILE, ConfigFiles } from './configFile';
import type { Log } from './log';
import { folderFor } from './paths';

/** The VS Code settings section: `promptCostLens.model`, `promptCostLens.requestsPerDay`, … */
export const SECTION = 'promptCostLens';

interface Resolved {
  readonly settings: Settings;
  /** Stable text of the settings, for cache keys. */
  readonly key: string;
  /** Keys `.promptcost.json` sets (they win over VS Code settings). */
  readonly fileKeys: ReadonlySet<string>;
}

/**
 * The settings that apply to a resource: `promptCostLens.*` (user, workspace and folder settings, as VS Code merges
 * them) with the folder's `.promptcost.json` merged over them key by key — the workspace file wins, so a team can
 * commit its traffic and models. Each key is validated on its own with the core's schema: a bad value is reported once
 * (one message naming the setting or the file and key) and replaced by that key's default (for the file: by the
 * value from the settings); every other key keeps working. Results are cached per folder until something changes.
 */
export class SettingsSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a `promptCostLens.*` setting or a `.promptcost.json` changes. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly cache = new Map<string, Resolved>();
  private readonly reported = new Set<string>();
  private pending: string[] = [];
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly log: Log,
    readonly files: ConfigFiles,
  ) {
    const invalidate = (why: string) => {
      this.cache.clear();
      this.reported.clear();
      this.generation++;
      this.log.debug(`settings changed (${why})`);
      this.changed.fire();
    };
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) invalidate('settings');
      }),
      files.onDidChange(() => invalidate(CONFIG_FILE)),
    );
  }

  /** Resolves when the workspace config files have been read once. */
  ready(): Promise<void> {
    return this.files.ready();
  }

  /** Bumped on every change: part of cache keys. */
  get gen(): number {
    return this.generation;
  }

  read(scope?: vscode.Uri): Settings {
    return this.resolve(scope).settings;
  }

  /** A string that changes whenever the settings for `scope` change. */
  key(scope?: vscode.Uri): string {
    return this.resolve(scope).key;
  }

  /** True when the scope's `.promptcost.json` sets `key` (so writing the VS Code setting would have no effect). */
  fileSets(key: SettingKey, scope?: vscode.Uri): boolean {
    return this.resolve(scope).fileKeys.has(key);
  }

  private resolve(scope?: vscode.Uri): Resolved {
    const folder = folderFor(scope);
    const id = folder?.uri.toString() ?? '';
    const hit = this.cache.get(id);
    if (hit) return hit;
    const config = vscode.workspace.getConfiguration(SECTION, folder?.uri ?? scope);
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(settingsShape)) {
      const value = config.get<unknown>(key);
      if (value !== undefined) raw[key] = value;
    }
    const fromSettings = parseSettings(raw, 'settings');
    const problems: ConfigProblem[] = [...fromSettings.problems];
    let settings = fromSettings.settings;
    const fileKeys = new Set<string>();
    const text = folder ? this.files.get(folder).text : undefined;
    if (text !== undefined) {
      const parsed = parseConfigFile(text, CONFIG_FILE, settings);
      problems.push(...parsed.problems);
      settings = parsed.settings;
      try {
        const obj = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
        if (obj && typeof obj === 'object') for (const k of Object.keys(obj)) fileKeys.add(k);
      } catch {
        /* reported by parseConfigFile */
      }
    }
    this.report(problems);
    const resolved: Resolved = { settings, key: `${this.generation}|${id}|${JSON.stringify(settings)}`, fileKeys };
    this.cache.set(id, resolved);
    return resolved;
  }

  /** Collects new problems and shows them in one message (one per burst of reads). */
  private report(problems: readonly ConfigProblem[]): void {
    for (const p of problems) {
      const text = p.source === 'settings' ? `setting "${SECTION}.${p.key}": ${p.message}` : `${p.source}: "${p.key}": ${p.message}`;
      if (this.reported.has(text)) continue;
      this.reported.add(text);
      this.log.warn(text);
      this.pending.push(text);
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    setTimeout(() => {
      if (batch !== this.pending || batch.length === 0) return;
      this.pending = [];
      const fromFile = batch.some((t) => t.startsWith(CONFIG_FILE));
      const head = batch.length === 1 ? 'Prompt Cost Lens: bad value in ' : `Prompt Cost Lens: ${batch.length} bad values in `;
      const action = fromFile ? `Open ${CONFIG_FILE}` : 'Open Settings';
      void vscode.window.showWarningMessage(`${head}${batch.join('; ')}. Everything else keeps working.`, action).then((choice) => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
        else if (choice && folderFor()) void vscode.window.showTextDocument(this.files.uriFor(folderFor()!));
      });
    }, 50);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
