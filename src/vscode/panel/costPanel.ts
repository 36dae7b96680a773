import * as vscode from 'vscode';
import { isCandidateFile } from '../../core/discovery/index';
import { DEFAULT_LEVERS, LeverSettings, leverSettingsSchema } from '../../core/whatif/levers';
import { describeIssues, HostToWebview, hostToWebviewSchema, openPanelArgsSchema, Scope, scopeSchema, ViewState, WebviewToHost, webviewToHostSchema } from '../../webview/protocol';
import type { Log } from '../log';
import { DOCUMENT_SCHEMES } from '../paths';
import { localResourceRoots, panelHtml } from './html';
import { computeView, Followed } from './selection';
import { LocalPanelSource, PanelSource, relativePath, SettingsReader } from './sources';

export const PANEL_VIEW_ID = 'promptCostLens.panel';
export const OPEN_PANEL_COMMAND = 'promptCostLens.openPanel';
/** Internal (not contributed): what the panel shows now, and a way to send it a webview message. Used by the host tests. */
export const PANEL_SNAPSHOT_COMMAND = '_promptCostLens.panel.snapshot';
export const PANEL_MESSAGE_COMMAND = '_promptCostLens.panel.message';
const MEMENTO_KEY = 'promptCostLens.panel';

export interface PanelSnapshot {
  readonly scope: Scope;
  readonly levers: LeverSettings;
  readonly followed?: Followed;
  readonly resolved: boolean;
  readonly visible: boolean;
  readonly state?: ViewState;
  readonly markdown?: string;
}

/**
 * The "Prompt Cost" side panel: a webview view in its own activity-bar container showing what the prompt under the
 * cursor, the current file or the whole workspace costs a month, and what each lever would save. The host owns the
 * state (scope, levers, what is followed; kept in workspaceState) and computes every number with the core; the webview
 * renders the state it is sent and posts the user's changes back (src/webview/protocol.ts). No
 * retainContextWhenHidden: when the view is shown again the webview repaints from getState() and asks for fresh state.
 */
export class CostPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly source: PanelSource;
  private scope: Scope;
  private levers: LeverSettings;
  private seq = 0;
  private followed: Followed | undefined;
  private last: { state: ViewState; markdown?: string; stamp: string } | undefined;
  /** The routing target the panel picked itself (the levers keep '' for it, so another selection gets its own pick). */
  private autoTarget: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly settings: SettingsReader,
    source?: PanelSource,
  ) {
    this.source = source ?? new LocalPanelSource(settings, log);
    const saved = context.workspaceState.get<{ scope?: unknown; levers?: unknown }>(MEMENTO_KEY);
    const scope = scopeSchema.safeParse(saved?.scope);
    const levers = leverSettingsSchema.safeParse(saved?.levers);
    this.scope = scope.success ? scope.data : 'prompt';
    this.levers = levers.success ? levers.data : DEFAULT_LEVERS;
    this.follow(vscode.window.activeTextEditor?.document);
    this.disposables.push(
      this.source,
      vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, this),
      vscode.commands.registerCommand(OPEN_PANEL_COMMAND, (args?: unknown) => this.open(args)),
      vscode.commands.registerCommand(PANEL_SNAPSHOT_COMMAND, () => this.snapshot()),
      vscode.commands.registerCommand(PANEL_MESSAGE_COMMAND, async (msg: unknown) => {
        await this.onMessage(msg);
        return this.snapshot();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && this.follow(e.document) && this.scope !== 'workspace') this.schedule(50);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.scope !== 'prompt' || e.textEditor !== vscode.window.activeTextEditor || !this.follow(e.textEditor.document)) return;
        const byUser = e.kind === vscode.TextEditorSelectionChangeKind.Keyboard || e.kind === vscode.TextEditorSelectionChangeKind.Mouse;
        if (byUser && this.followed?.pinned) this.followed = { ...this.followed, pinned: false };
        this.schedule(100);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !DOCUMENT_SCHEMES.includes(e.document.uri.scheme)) return;
        this.source.touched(e.document.uri);
        if (this.scope === 'workspace') this.schedule(1000);
        else if (e.document.uri.toString() === this.followed?.uri) this.schedule(300);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.source.touched(d.uri)),
      vscode.workspace.onDidCreateFiles(() => this.source.invalidate()),
      vscode.workspace.onDidDeleteFiles(() => this.source.invalidate()),
      vscode.workspace.onDidRenameFiles(() => this.source.invalidate()),
      settings.onDidChange(() => {
        this.source.invalidate();
        this.schedule(0);
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(this.context.extensionUri) };
    view.webview.html = panelHtml(view.webview, this.context.extensionUri);
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((msg: unknown) => void this.onMessage(msg)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.schedule(0);
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.disposeView();
        }
      }),
    );
  }

  /** `promptCostLens.openPanel` with optional `{ uri, promptIndex }` (a string URI or a vscode.Uri): show that prompt. */
  private async open(args: unknown): Promise<void> {
    if (args !== undefined && args !== null) {
      const raw = args as { uri?: unknown; promptIndex?: unknown };
      const parsed = openPanelArgsSchema.safeParse({ uri: raw.uri instanceof vscode.Uri ? raw.uri.toString() : raw.uri, promptIndex: raw.promptIndex });
      if (!parsed.success) {
        this.log.warn(`${OPEN_PANEL_COMMAND}: ignored bad arguments (${describeIssues(parsed.error.issues)})`);
      } else {
        const uri = vscode.Uri.parse(parsed.data.uri);
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) await vscode.workspace.openTextDocument(uri);
        this.followed = { uri: uri.toString(), promptIndex: parsed.data.promptIndex, pinned: parsed.data.promptIndex !== undefined };
        if (parsed.data.promptIndex !== undefined) this.setScope('prompt');
      }
    }
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
    this.schedule(0);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`cost panel: ignored an invalid message from the webview (${describeIssues(parsed.error.issues)})`);
      return;
    }
    const msg: WebviewToHost = parsed.data;
    switch (msg.type) {
      case 'ready':
        if (this.last) this.post({ type: 'state', state: this.last.state });
        this.schedule(0);
        return;
      case 'setScope':
        this.setScope(msg.scope);
        this.schedule(0);
        return;
      case 'setLevers':
        this.seq = Math.max(this.seq, msg.seq);
        this.levers = msg.levers.routing.target === this.autoTarget ? { ...msg.levers, routing: { ...msg.levers.routing, target: '' } } : msg.levers;
        this.remember();
        this.schedule(0);
        return;
      case 'copyMarkdown':
        await this.inflight;
        if (!this.last?.markdown) return;
        await vscode.env.clipboard.writeText(this.last.markdown);
        this.post({ type: 'notice', text: 'Copied as Markdown.' });
        return;
      case 'openPrompt':
        await this.reveal(msg.uri, msg.promptIndex);
        return;
      case 'rescan':
        this.source.invalidate();
        this.schedule(0);
        return;
      default: {
        const never: never = msg;
        throw new Error(`unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  private async reveal(uri: string, promptIndex: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const a = await this.source.document(doc);
    const p = a.prompts[promptIndex]?.prompt;
    const at = p ? doc.positionAt(p.startOffset) : new vscode.Position(0, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preserveFocus: false });
  }

  private setScope(scope: Scope): void {
    this.scope = scope;
    this.remember();
  }

  private remember(): void {
    void this.context.workspaceState.update(MEMENTO_KEY, { scope: this.scope, levers: this.levers });
  }

  /** Follows an editor's document when it is one prompts are looked for in (not settings, logs, …); true when it is. */
  private follow(doc: vscode.TextDocument | undefined): boolean {
    if (!doc || !DOCUMENT_SCHEMES.includes(doc.uri.scheme) || (doc.uri.scheme !== 'untitled' && !isCandidateFile(relativePath(doc.uri)))) return false;
    if (this.followed?.uri !== doc.uri.toString()) this.followed = { uri: doc.uri.toString(), pinned: false };
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inflight = this.refresh();
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    if (!this.view?.visible) return; // computed when shown again
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    const started = Date.now();
    try {
      const c = await computeView({
        scope: this.scope, levers: this.levers, seq: this.seq, followed: this.followed, source: this.source, settings: this.settings, token: cts.token,
        onLoading: (state) => this.post({ type: 'state', state }),
      });
      if (cts.token.isCancellationRequested) return;
      this.followed = c.followed;
      if (!this.levers.routing.target) this.autoTarget = c.state.levers.routing.target || undefined;
      this.last = { state: c.state, markdown: c.markdown, stamp: this.stamp() };
      this.post({ type: 'state', state: c.state });
      this.log.debug(`cost panel: ${this.scope} scope computed in ${Date.now() - started} ms`);
    } catch (err) {
      if (!(err instanceof vscode.CancellationError)) this.log.error('cost panel: could not compute', err);
    } finally {
      cts.dispose();
      if (this.running === cts) this.running = undefined;
    }
  }

  private post(msg: HostToWebview): void {
    const checked = hostToWebviewSchema.safeParse(msg);
    if (!checked.success) {
      this.log.error(`cost panel: not sending an invalid ${msg.type} message: ${describeIssues(checked.error.issues)}`);
      return;
    }
    void this.view?.webview.postMessage(msg);
  }

  /** What the shown state was computed from. */
  private stamp(): string {
    return JSON.stringify([this.scope, this.levers, this.seq, this.followed?.uri, this.followed?.promptIndex]);
  }

  private async snapshot(): Promise<PanelSnapshot> {
    await new Promise((r) => setTimeout(r, 0));
    while (this.timer !== undefined) await new Promise((r) => setTimeout(r, 20));
    await this.inflight;
    if (this.view?.visible && this.last?.stamp !== this.stamp()) await (this.inflight = this.refresh());
    return { scope: this.scope, levers: this.levers, followed: this.followed, resolved: this.view !== undefined, visible: this.view?.visible ?? false, state: this.last?.state, markdown: this.last?.markdown };
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.running?.cancel();
    this.disposeView();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
