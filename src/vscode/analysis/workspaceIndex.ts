import * as vscode from 'vscode';
import { analyzeDocument } from '../../core/audit/analyze';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { DetectedPrompt } from '../../core/discovery/types';
import { loadCatalog } from '../../core/pricing/catalog';
import type { Log } from '../log';
import { workspacePath } from '../paths';
import type { SettingsSource } from '../settings';
import { CANDIDATE_GLOB, findCandidates, fromText, isExcluded, promptSignature, REPORT_FILE, scanFile } from './fileScan';
import type { ScannedFile } from './fileScan';

export interface IndexedFile extends ScannedFile {
  /** The file's prompts priced at the settings that apply (cached per content hash and settings). */
  readonly priced?: { readonly key: string; readonly prompts: readonly AnalyzedPrompt[] };
}

export interface WorkspaceTotals {
  readonly monthlyUSD: number;
  readonly perRequestUSD: number;
  readonly prompts: number;
  readonly files: number;
  readonly unpriced: number;
  readonly scanning: boolean;
  /** False until the first scan finished. */
  readonly ready: boolean;
  readonly top: readonly AnalyzedPrompt[];
}

type WorkspacePrompt = { path: string; prompt: DetectedPrompt };

/** Reads a few files at a time: the extension host stays responsive, the file system stays busy. */
const CONCURRENCY = 8;

/**
 * Every prompt of the workspace, found by a cancellable background scan (vscode.workspace.findFiles + fs reads +
 * the core's discovery) that respects `exclude`, caches per file content hash and keeps up through a file watcher
 * and saves. Feeds the status bar's workspace total, cross-file rules (duplicate passages) and the audit.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the set of prompts or the totals changed. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly files = new Map<string, IndexedFile>();
  private readonly others = new Map<string, WorkspacePrompt[]>();
  private generation = 0;
  private scanning: vscode.CancellationTokenSource | undefined;
  private running: Promise<void> = Promise.resolve();
  private scanned = false;
  private scannedScope = '';
  private seen = 0;
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly settings: SettingsSource,
    private readonly log: Log,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(CANDIDATE_GLOB);
    const touch = (uri: vscode.Uri) => this.touch(uri);
    this.disposables.push(
      watcher, watcher.onDidCreate(touch), watcher.onDidChange(touch), watcher.onDidDelete(touch),
      vscode.workspace.onDidSaveTextDocument((d) => this.touch(d.uri)),
      settings.onDidChange(() => (this.scopeKey() === this.scannedScope ? this.schedule(0, 'reprice') : this.schedule(0))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(0)),
    );
  }

  /** Prompts generation: changes when some file's prompts changed (part of the per-prompt cache keys). */
  get gen(): number {
    return this.generation;
  }

  /** Starts the first scan after `delayMs` (activation stays cheap). */
  start(delayMs = 300): void {
    this.schedule(delayMs);
  }

  /** Scans the workspace now (cancelling a scan under way) and resolves when done; the audit and tests use it. */
  async rescan(token?: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<boolean> {
    this.scanning?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.scanning = source;
    const sub = token?.onCancellationRequested(() => source.cancel());
    const run = this.running.catch(() => undefined).then(() => this.scan(source.token, progress));
    this.running = run;
    try {
      await run;
      return !source.token.isCancellationRequested;
    } finally {
      sub?.dispose();
      if (this.scanning === source) this.scanning = undefined;
      source.dispose();
      this.changed.fire(); // the totals no longer say "scanning"
    }
  }

  /** Candidate files the last full scan looked at. */
  get filesScanned(): number {
    return this.seen;
  }

  /** Every indexed file that holds prompts. */
  withPrompts(): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.prompts.length > 0);
  }

  /** The indexed text of a file (files with prompts only). */
  textOf(uri: vscode.Uri): string | undefined {
    return this.files.get(uri.toString())?.text;
  }

  /** Prompts of every other file of the workspace: the same array until the prompts generation changes. */
  othersFor(uri: vscode.Uri): WorkspacePrompt[] {
    const id = uri.toString();
    let list = this.others.get(id);
    if (!list) {
      list = this.withPrompts().filter((f) => f.uri.toString() !== id).flatMap((f) => f.prompts.map((prompt) => ({ path: f.path, prompt })));
      this.others.set(id, list);
    }
    return list;
  }

  totals(): WorkspaceTotals {
    let monthlyUSD = 0;
    let perRequestUSD = 0;
    let prompts = 0;
    let unpriced = 0;
    const all: AnalyzedPrompt[] = [];
    const files = this.withPrompts();
    for (const f of files) {
      for (const a of f.priced?.prompts ?? []) {
        prompts++;
        if (!a.monthly) unpriced++;
        monthlyUSD += a.monthly?.monthlyUSD ?? 0;
        perRequestUSD += a.request?.totalUSD ?? 0;
        all.push(a);
      }
    }
    all.sort((a, b) => (b.monthly?.monthlyUSD ?? 0) - (a.monthly?.monthlyUSD ?? 0));
    return { monthlyUSD, perRequestUSD, prompts, files: files.length, unpriced, scanning: this.scanning !== undefined, ready: this.scanned, top: all.slice(0, 8) };
  }

  private touch(uri: vscode.Uri): void {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    this.dirty.add(uri.toString());
    if (this.scanned) this.schedule(400, 'dirty');
  }

  /** Which files a scan reads: the folders and their include/exclude globs. */
  private scopeKey(): string {
    return JSON.stringify((vscode.workspace.workspaceFolders ?? []).map((f) => {
      const s = this.settings.read(f.uri);
      return [f.uri.toString(), s.include, s.exclude];
    }));
  }

  private schedule(delayMs: number, what: 'scan' | 'dirty' | 'reprice' = 'scan'): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const run = what === 'dirty' ? this.updateDirty() : what === 'reprice' ? this.reprice() : this.rescan();
      void run.catch((err: unknown) => this.log.error('workspace scan failed', err));
    }, delayMs);
  }

  /** Settings changed but not which files are read: price the indexed prompts again without reading anything. */
  private async reprice(): Promise<void> {
    if (!this.scanned) return this.rescan().then(() => undefined);
    for (const [id, f] of [...this.files]) this.files.set(id, await this.price(f));
    this.changed.fire();
  }

  private async scan(token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<void> {
    const started = Date.now();
    await this.settings.ready();
    const found: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) found.push(...(await findCandidates(folder, this.settings.read(folder.uri), token)));
    if (token.isCancellationRequested) return;
    this.scannedScope = this.scopeKey();
    this.seen = found.length;
    this.dirty.clear();
    const keep = new Set(found.map((u) => u.toString()));
    let changed = false;
    for (const id of [...this.files.keys()]) {
      if (!keep.has(id)) changed = this.set(id, undefined) || changed;
    }
    let done = 0;
    for (let i = 0; i < found.length && !token.isCancellationRequested; i += CONCURRENCY) {
      const batch = found.slice(i, i + CONCURRENCY);
      const results = await Promise.all(batch.map((u) => scanFile(u, this.files.get(u.toString()))));
      for (let k = 0; k < batch.length; k++) changed = this.set(batch[k].toString(), results[k] && (await this.price(results[k]!))) || changed;
      done += batch.length;
      progress?.(done, found.length);
    }
    if (token.isCancellationRequested) return;
    this.scanned = true;
    this.log.info(`workspace scan: ${found.length} candidate files, ${this.withPrompts().length} with prompts (${Date.now() - started} ms)`);
    this.afterChange(changed);
  }

  /** Re-reads the files the watcher or a save reported. */
  private async updateDirty(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    let changed = false;
    for (const id of ids) {
      const uri = vscode.Uri.parse(id);
      const path = workspacePath(uri);
      const settings = this.settings.read(uri);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id && !d.isDirty);
      const excluded = isExcluded(path, settings.exclude) || REPORT_FILE.test(path);
      const file = excluded ? undefined : open ? fromText(uri, open.getText(), undefined, open.languageId) : await scanFile(uri, this.files.get(id));
      changed = this.set(id, file && (await this.price(file))) || changed;
    }
    this.afterChange(changed);
  }

  /** Prices a file's prompts at its settings (reusing the last pricing when content and settings are unchanged). */
  private async price(file: ScannedFile): Promise<IndexedFile> {
    if (file.prompts.length === 0 || file.text === undefined) return file;
    const key = `${this.settings.key(file.uri)}|${file.hash}`;
    const old = this.files.get(file.uri.toString());
    if (old?.priced?.key === key) return old;
    const catalog = await loadCatalog();
    const prompts = await analyzeDocument(file.path, file.text, { settings: this.settings.read(file.uri), catalog, prompts: file.prompts });
    return { ...file, priced: { key, prompts } };
  }

  /** Stores a file (undefined: forget it); true when its prompts (texts or places) changed. */
  private set(id: string, file: IndexedFile | undefined): boolean {
    const old = this.files.get(id);
    if (file) this.files.set(id, file);
    else this.files.delete(id);
    return promptSignature(old) !== promptSignature(file);
  }

  /** Bumps the prompts generation when some file's prompts changed; always tells listeners (totals may have moved). */
  private afterChange(promptsChanged: boolean): void {
    if (promptsChanged) {
      this.generation++;
      this.others.clear();
    }
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.scanning?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
