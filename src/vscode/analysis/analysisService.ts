import * as vscode from 'vscode';
import { analyzePrompt } from '../../core/audit/analyze';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { Settings } from '../../core/config/schema';
import { detectPrompts, isCandidateFile } from '../../core/discovery/index';
import { loadCatalog } from '../../core/pricing/catalog';
import { severityOf, ruleById } from '../../core/rules/index';
import type { Log } from '../log';
import { DOCUMENT_SCHEMES, workspacePath } from '../paths';
import type { SettingsSource } from '../settings';
import { isExcluded, REPORT_FILE } from './fileScan';
import { PromptCache, promptKey } from './promptCache';
import type { WorkspaceIndex } from './workspaceIndex';

/** The priced prompts of one version of one document. */
export interface DocumentAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  /** Workspace-relative POSIX path given to the core. */
  readonly path: string;
  readonly text: string;
  readonly settings: Settings;
  readonly prompts: readonly AnalyzedPrompt[];
  /** How long the analysis took, and how many prompts were computed vs. taken from the per-prompt cache. */
  readonly ms: number;
  readonly computed: number;
  readonly reused: number;
}

/** Typing pauses this long before diagnostics and the status bar follow (CodeLens and hover ask on their own). */
export const DEBOUNCE_MS = 150;

interface Pending {
  readonly stamp: string;
  readonly promise: Promise<DocumentAnalysis>;
}

/**
 * Live analysis of open documents: debounced per document, results for a version the document has moved past are
 * dropped, and each prompt's result is cached by its neighbourhood text + settings (PromptCache), so unchanged
 * prompts cost nothing and an edit costs the edited prompt's analysis (plus discovery of the file, a lexer pass).
 */
export class AnalysisService implements vscode.Disposable {
  private readonly analyzed = new vscode.EventEmitter<DocumentAnalysis>();
  /** Fires when a new analysis of a document's current version is ready. */
  readonly onDidAnalyze: vscode.Event<DocumentAnalysis> = this.analyzed.event;
  private readonly cache = new PromptCache();
  private readonly pending = new Map<string, Pending>();
  private readonly latestByUri = new Map<string, DocumentAnalysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.analyzed];

  constructor(
    private readonly settings: SettingsSource,
    private readonly index: WorkspaceIndex,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      settings.onDidChange(() => this.refreshAll()),
      index.onDidChange(() => this.refreshAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** True for documents the extension reads (a real file scheme and a name the core's discovery knows). */
  handles(doc: vscode.TextDocument): boolean {
    const path = workspacePath(doc.uri, doc.languageId);
    return DOCUMENT_SCHEMES.includes(doc.uri.scheme) && isCandidateFile(path) && !REPORT_FILE.test(path);
  }

  /** The analysis of the document's current version (shared by every caller asking for that version). */
  analyze(doc: vscode.TextDocument): Promise<DocumentAnalysis> {
    const id = doc.uri.toString();
    const stamp = `${doc.version}|${this.settings.gen}|${this.index.gen}`;
    const p = this.pending.get(id);
    if (p?.stamp === stamp) return p.promise;
    const promise = this.run(doc).then((a) => {
      if (this.pending.get(id)?.promise === promise && doc.version === a.version) {
        this.latestByUri.set(id, a);
        this.analyzed.fire(a);
      }
      return a;
    });
    this.pending.set(id, { stamp, promise });
    return promise;
  }

  /** The last finished analysis of a document, if it is for the document's current version. */
  current(doc: vscode.TextDocument): DocumentAnalysis | undefined {
    const a = this.latestByUri.get(doc.uri.toString());
    return a && a.version === doc.version ? a : undefined;
  }

  /** The last finished analysis of a document, whatever its version. */
  latest(uri: vscode.Uri): DocumentAnalysis | undefined {
    return this.latestByUri.get(uri.toString());
  }

  get cacheStats(): { entries: number; hits: number; misses: number } {
    return this.cache.stats;
  }

  private async run(doc: vscode.TextDocument): Promise<DocumentAnalysis> {
    const started = performance.now();
    await this.settings.ready();
    const { version, uri } = doc;
    const text = doc.getText();
    const path = workspacePath(uri, doc.languageId);
    const settings = this.settings.read(uri);
    const base = { uri, version, path, text, settings };
    if (!this.handles(doc) || isExcluded(path, settings.exclude)) return { ...base, prompts: [], ms: 0, computed: 0, reused: 0 };
    const catalog = await loadCatalog();
    const detected = detectPrompts(path, text);
    const dup = ruleById('duplicate-boilerplate');
    const crossFile = dup !== undefined && severityOf(dup, settings.rules) !== 'off';
    const workspacePrompts = crossFile ? this.index.othersFor(uri) : undefined;
    const context = `${this.settings.key(uri)}\u0000${path}\u0000${crossFile ? this.index.gen : '-'}`;
    const prompts: AnalyzedPrompt[] = [];
    let computed = 0;
    for (const prompt of detected) {
      const { key, base: at } = promptKey(context, text, prompt);
      let a = this.cache.get(key, prompt, at);
      if (!a) {
        a = await analyzePrompt(path, text, prompt, { settings, catalog, workspacePrompts });
        this.cache.set(key, at, a);
        computed++;
      }
      prompts.push(a);
    }
    const ms = performance.now() - started;
    if (computed > 0) this.log.debug(`${path} v${version}: ${prompts.length} prompts, ${computed} computed, ${prompts.length - computed} cached (${ms.toFixed(1)} ms)`);
    return { ...base, prompts, ms, computed, reused: prompts.length - computed };
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.handles(doc)) return;
    const id = doc.uri.toString();
    const t = this.timers.get(id);
    if (t !== undefined) clearTimeout(t);
    this.timers.set(id, setTimeout(() => {
      this.timers.delete(id);
      if (doc.isClosed) return;
      this.analyze(doc).catch((err: unknown) => this.log.error(`analysis of ${doc.uri.toString(true)} failed`, err));
    }, delayMs));
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) if (!d.isClosed) this.schedule(d, 0);
  }

  private forget(uri: vscode.Uri): void {
    const id = uri.toString();
    const t = this.timers.get(id);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(id);
    this.pending.delete(id);
    this.latestByUri.delete(id);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
