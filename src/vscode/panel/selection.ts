/** What the panel shows for its scope: the prompt under the cursor, the current file or the workspace, as a view state. */
import * as vscode from 'vscode';
import { CATALOG_SOURCE, loadCatalog } from '../../core/pricing/catalog';
import type { ResolveOptions } from '../../core/pricing/catalog';
import type { CatalogModel } from '../../core/pricing/types';
import { buildScenario, BuiltScenario, routeCandidates } from '../../core/whatif/build';
import type { LeverSettings } from '../../core/whatif/levers';
import { scenarioMarkdown, selectionSubtitle, trimSummary } from '../../core/whatif/markdown';
import type { Scope, ViewState } from '../../webview/protocol';
import type { AnalyzedDoc, PanelSource, SettingsReader } from './sources';
import { buildViewState } from './viewModel';

/** The document the panel follows, and in prompt scope which of its prompts. */
export interface Followed {
  readonly uri: string;
  readonly promptIndex?: number;
  /** Set by the openPanel command: keep this prompt until the user moves the cursor. */
  readonly pinned: boolean;
}

export interface ComputeInput {
  readonly scope: Scope;
  readonly levers: LeverSettings;
  readonly seq: number;
  readonly followed?: Followed;
  readonly source: PanelSource;
  readonly settings: SettingsReader;
  readonly token: vscode.CancellationToken;
  /** Called with a loading state before a workspace scan. */
  readonly onLoading?: (state: ViewState) => void;
}

export interface Computed {
  readonly state: ViewState;
  readonly markdown?: string;
  /** The followed prompt as resolved (the cursor's prompt, or the sticky last one). */
  readonly followed?: Followed;
}

let candidateCache: { key: string; models: CatalogModel[] } | undefined;

async function candidates(resolve: ResolveOptions): Promise<CatalogModel[]> {
  const key = JSON.stringify([resolve.customModels, resolve.priceOverrides]);
  if (candidateCache?.key !== key) candidateCache = { key, models: routeCandidates(await loadCatalog(), resolve) };
  return candidateCache.models;
}

/** Which prompt of an analysed document the cursor is in (else the pinned or last one, else the only one). */
function promptIndexFor(doc: vscode.TextDocument, a: AnalyzedDoc, followed: Followed | undefined): number | undefined {
  const n = a.prompts.length;
  const same = followed?.uri === doc.uri.toString();
  const previous = same && followed?.promptIndex !== undefined && followed.promptIndex < n ? followed.promptIndex : undefined;
  if (followed?.pinned && previous !== undefined) return previous;
  const editor = vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor : vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (editor) {
    const offset = doc.offsetAt(editor.selection.active);
    const at = a.prompts.findIndex((p) => offset >= p.prompt.startOffset && offset <= p.prompt.endOffset);
    if (at >= 0) return at;
  }
  return previous ?? (n === 1 ? 0 : undefined);
}

function empty(input: ComputeInput, status: ViewState['status'], title: string, message: string, followed?: Followed): Computed {
  return { state: buildViewState({ seq: input.seq, scope: input.scope, levers: input.levers, status, message, title, subtitle: '', uriOf: () => '' }), followed };
}

function finish(input: ComputeInput, built: BuiltScenario, title: string, uriOf: (path: string) => string, followed?: Followed): Computed {
  const subtitle = selectionSubtitle(built.items, CATALOG_SOURCE.date);
  const state = buildViewState({ seq: input.seq, scope: input.scope, levers: built.levers, status: 'ready', title, subtitle, built, uriOf });
  const markdown = scenarioMarkdown(built.result, built.levers, { title, subtitle, routeTargetLabel: built.routeTarget?.model.label, trim: trimSummary(built.items) });
  return { state, markdown, followed };
}

export async function computeView(input: ComputeInput): Promise<Computed> {
  const catalog = await loadCatalog();
  if (input.scope === 'workspace') {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return empty(input, 'empty', 'Workspace', 'Open a folder to see the cost of every prompt in it.', input.followed);
    input.onLoading?.(empty(input, 'loading', 'Workspace', 'Finding and pricing the prompts of the workspace…').state);
    const docs = await input.source.workspace(input.token);
    const settings = input.settings.read(folder.uri);
    const built = buildScenario({ docs: docs.map((d) => d.prompts), levers: input.levers, catalog, resolve: settings, candidates: await candidates(settings) });
    if (built.items.length + built.unpriced.length === 0) return empty(input, 'empty', 'Workspace', 'No prompts found in the workspace.', input.followed);
    const uris = new Map(docs.map((d) => [d.path, d.uri.toString()]));
    const files = docs.filter((d) => d.prompts.length > 0).length;
    return finish(input, built, `Workspace: ${built.items.length} prompt${built.items.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`, (p) => uris.get(p) ?? '', input.followed);
  }
  const followed = input.followed;
  const doc = followed ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === followed.uri && !d.isClosed) : undefined;
  if (!doc) return empty(input, 'empty', 'No file', 'Open a file with prompts in it (or put the cursor in one), or switch to Workspace.', followed);
  const a = await input.source.document(doc);
  if (input.token.isCancellationRequested) throw new vscode.CancellationError();
  const name = a.path.split('/').pop() ?? a.path;
  if (a.prompts.length === 0) return empty(input, 'empty', name, `No prompts found in ${a.path}.`, followed);
  const uriOf = () => doc.uri.toString();
  const resolve = a.settings;
  if (input.scope === 'file') {
    const built = buildScenario({ docs: [a.prompts], levers: input.levers, catalog, resolve, candidates: await candidates(resolve) });
    return finish(input, built, `${a.path}: ${a.prompts.length} prompt${a.prompts.length === 1 ? '' : 's'}`, uriOf, followed);
  }
  const promptIndex = promptIndexFor(doc, a, followed);
  const now: Followed = { uri: doc.uri.toString(), promptIndex, pinned: (followed?.pinned ?? false) && promptIndex === followed?.promptIndex };
  if (promptIndex === undefined) {
    return empty(input, 'empty', name, `Put the cursor in one of the ${a.prompts.length} prompts of ${a.path}, or switch to File.`, now);
  }
  const p = a.prompts[promptIndex];
  const built = buildScenario({ docs: [a.prompts], promptIndex, levers: input.levers, catalog, resolve, candidates: await candidates(resolve) });
  const label = p.prompt.name && p.prompt.name !== name ? ` › ${p.prompt.name}` : '';
  return finish(input, built, `${a.path}:${p.prompt.startLine + 1}${label}`, uriOf, now);
}
