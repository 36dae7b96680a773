import * as vscode from 'vscode';
import { analyzeDocument } from '../../core/audit/analyze';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { Settings } from '../../core/config/schema';
import { detectPrompts } from '../../core/discovery/index';
import type { DetectedPrompt } from '../../core/discovery/types';
import { loadCatalog } from '../../core/pricing/catalog';
import { findCandidates, scanFile } from '../analysis/fileScan';
import type { Log } from '../log';

/** What the panel needs from the settings (SettingsSource provides it). */
export interface SettingsReader {
  read(scope?: vscode.Uri): Settings;
  readonly onDidChange: vscode.Event<void>;
}

/** One document's prompts, analysed by the core. */
export interface AnalyzedDoc {
  readonly uri: vscode.Uri;
  /** Workspace-relative POSIX path given to the core. */
  readonly path: string;
  readonly settings: Settings;
  readonly prompts: readonly AnalyzedPrompt[];
}

/** Where the panel gets analysed prompts from (a seam: the shared analysis service can stand in for this). */
export interface PanelSource extends vscode.Disposable {
  /** The analysis of an open document's current text. */
  document(doc: vscode.TextDocument): Promise<AnalyzedDoc>;
  /** Every file of the workspace with prompts, sorted by path (open documents as they are in the editor). */
  workspace(token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<AnalyzedDoc[]>;
  /** Forget cached results (settings changed, rescan asked). */
  invalidate(): void;
  /** A file of the workspace changed on disk or in an editor. */
  touched(uri: vscode.Uri): void;
}

/** The POSIX path of a URI relative to its workspace folder, as the CLI passes paths relative to its root. */
export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/**
 * The panel's own analysis: per document version and settings (file and prompt scopes), and a workspace scan through
 * vscode.workspace.fs (web-safe) analysed as `prompt-cost whatif DIR` analyses a folder: cross-file rules see every
 * prompt of the workspace. Results are cached until a file changes or the settings do.
 */
export class LocalPanelSource implements PanelSource {
  private readonly docs = new Map<string, { key: string; promise: Promise<AnalyzedDoc> }>();
  /**
   * The workspace scan shared by every request until invalidated. It has its own cancellation: a request that is
   * superseded stops waiting for it, but does not stop it (a scan cancelled by one request and then reused by the next
   * one gave an empty workspace).
   */
  private ws: { promise: Promise<AnalyzedDoc[]>; cts: vscode.CancellationTokenSource } | undefined;

  constructor(
    private readonly settings: SettingsReader,
    private readonly log: Log,
  ) {}

  document(doc: vscode.TextDocument): Promise<AnalyzedDoc> {
    const settings = this.settings.read(doc.uri);
    const id = doc.uri.toString();
    const key = `${doc.version}|${JSON.stringify(settings)}`;
    const hit = this.docs.get(id);
    if (hit?.key === key) return hit.promise;
    const path = relativePath(doc.uri);
    const text = doc.getText();
    const promise = loadCatalog().then(async (catalog) => ({ uri: doc.uri, path, settings, prompts: await analyzeDocument(path, text, { settings, catalog }) }));
    this.docs.set(id, { key, promise });
    promise.catch(() => this.docs.delete(id));
    return promise;
  }

  workspace(token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<AnalyzedDoc[]> {
    if (!this.ws) {
      const cts = new vscode.CancellationTokenSource();
      const ws = { promise: this.scan(cts.token, progress), cts };
      this.ws = ws;
      ws.promise.catch(() => {
        if (this.ws === ws) this.ws = undefined;
      });
    }
    return untilCancelled(this.ws.promise, token);
  }

  private async scan(token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<AnalyzedDoc[]> {
    const started = Date.now();
    const catalog = await loadCatalog();
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const files: { uri: vscode.Uri; path: string; text: string; settings: Settings; prompts: DetectedPrompt[] }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = this.settings.read(folder.uri);
      const uris = await findCandidates(folder, settings, token);
      // (findCandidates stops early when cancelled: a partial list must not pass for the workspace)
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      let done = 0;
      for (const uri of uris) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        const doc = open.get(uri.toString());
        const scanned = doc ? undefined : await scanFile(uri, undefined);
        const text = doc ? doc.getText() : scanned?.text;
        progress?.(++done, uris.length);
        if (text === undefined) continue;
        const path = relativePath(uri);
        const prompts = doc ? detectPrompts(path, text) : (scanned?.prompts ?? []);
        if (prompts.length) files.push({ uri, path, text, settings, prompts: [...prompts] });
      }
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const workspacePrompts = files.flatMap((f) => f.prompts.map((prompt) => ({ path: f.path, prompt })));
    const out: AnalyzedDoc[] = [];
    for (const f of files) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      out.push({ uri: f.uri, path: f.path, settings: f.settings, prompts: await analyzeDocument(f.path, f.text, { settings: f.settings, catalog, workspacePrompts, prompts: f.prompts }) });
    }
    this.log.debug(`cost panel: workspace scan, ${out.length} files with prompts (${Date.now() - started} ms)`);
    return out;
  }

  invalidate(): void {
    this.docs.clear();
    this.dropScan();
  }

  touched(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
    this.dropScan();
  }

  /**
   * Forgets the shared workspace scan: the next request starts a new one. A scan under way still answers the requests
   * waiting for it (as before); it is stopped only when the source is disposed.
   */
  private dropScan(stop = false): void {
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    if (stop) ws.cts.cancel();
    void ws.promise.catch(() => undefined).finally(() => ws.cts.dispose());
  }

  dispose(): void {
    this.docs.clear();
    this.dropScan(true);
  }
}

/** `p`, or a CancellationError as soon as `token` is cancelled (`p` itself goes on). */
export function untilCancelled<T>(p: Promise<T>, token: vscode.CancellationToken): Promise<T> {
  if (token.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
  return new Promise<T>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      reject(new vscode.CancellationError());
    });
    p.then(
      (v) => { sub.dispose(); resolve(v); },
      (e) => { sub.dispose(); reject(e); },
    );
  });
}
