import * as vscode from 'vscode';
import type { Log } from './log';

/** The workspace config file, read from the root of each workspace folder. */
export const CONFIG_FILE = '.promptcost.json';

export interface ConfigFileState {
  readonly uri: vscode.Uri;
  /** The file's text; undefined when there is no file. */
  readonly text?: string;
}

/**
 * `.promptcost.json` in each workspace folder: read through vscode.workspace.fs (works in the web extension host and
 * on remote or virtual file systems), watched, and written by the commands that set a model or traffic for a file.
 * Parsing and merging over the settings is SettingsSource's job.
 */
export class ConfigFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a config file was created, changed or deleted (and re-read). */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly files = new Map<string, ConfigFileState>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loading: Promise<void>;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && this.uriFor(folder).toString() === uri.toString()) void this.reload(folder);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      // Saving in the editor is seen at once, even where file watching is slow or unavailable.
      vscode.workspace.onDidSaveTextDocument((d) => reload(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.loading = this.loadAll().then(() => this.changed.fire());
      }),
    );
    this.loading = this.loadAll();
  }

  /** Resolves when every folder's file has been read once. */
  ready(): Promise<void> {
    return this.loading;
  }

  uriFor(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  }

  get(folder: vscode.WorkspaceFolder): ConfigFileState {
    return this.files.get(folder.uri.toString()) ?? { uri: this.uriFor(folder) };
  }

  /**
   * Changes the folder's file: `mutate` gets its parsed object ({} when there is no file) and edits it in place.
   * Refuses (throws, naming the file) when the file is not a JSON object, so a broken file is never overwritten.
   */
  async update(folder: vscode.WorkspaceFolder, mutate: (raw: Record<string, unknown>) => void): Promise<vscode.Uri> {
    const uri = this.uriFor(folder);
    const text = await this.read(uri);
    let raw: unknown = {};
    if (text !== undefined && text.trim() !== '') {
      try {
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (e) {
        throw new Error(`${CONFIG_FILE} is not valid JSON (${e instanceof Error ? e.message : String(e)}); fix it first, it was not changed`);
      }
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${CONFIG_FILE} must hold a JSON object; it was not changed`);
    mutate(raw as Record<string, unknown>);
    const out = JSON.stringify(raw, null, 2) + '\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(out));
    this.log.info(`wrote ${uri.toString(true)}`);
    await this.reload(folder);
    // File watchers coalesce a create followed quickly by a delete into nothing: look again once things settled.
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.reload(folder);
    }, 1000);
    this.timers.add(t);
    return uri;
  }

  private async loadAll(): Promise<void> {
    this.files.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f)));
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<boolean> {
    const uri = this.uriFor(folder);
    const text = await this.read(uri);
    const before = this.files.get(folder.uri.toString())?.text;
    this.files.set(folder.uri.toString(), { uri, text });
    if (text !== undefined) this.log.debug(`read ${uri.toString(true)} (${text.length} characters)`);
    return before !== text;
  }

  private async reload(folder: vscode.WorkspaceFolder): Promise<void> {
    if (await this.load(folder)) this.changed.fire();
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // no file
    }
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
