import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeDocument } from '../../../src/core/audit/analyze';
import type { AnalyzedPrompt } from '../../../src/core/audit/analyze';
import { parseSettings } from '../../../src/core/config/parse';
import type { Settings } from '../../../src/core/config/schema';
import type { PromptEstimate } from '../../../src/core/estimate';
import { formatLens } from '../../../src/core/format/lens';
import { loadCatalog } from '../../../src/core/pricing/catalog';
import type { PromptCostApi } from '../../../src/vscode/api';

export const EXTENSION_ID = 'prompt-cost-lens.prompt-cost-lens';
export const SECTION = 'promptCostLens';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the runner opens samples/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function activateExtension(): Promise<PromptCostApi> {
  const ext = vscode.extensions.getExtension<PromptCostApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

export async function open(relative: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(relative));
}

/** Opens a document in an editor (what a user sees; the status bar follows the active editor). */
export async function show(relative: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await open(relative), { preview: false });
}

/** Writes a file of the workspace copy (tests create their own files rather than editing shared samples). */
export async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export async function deleteFile(relative: string): Promise<void> {
  await vscode.workspace.fs.delete(workspaceUri(relative)).then(undefined, () => undefined);
}

/** Titles and lines of the CodeLenses VS Code gets for a document (it must have been opened first). */
export async function lensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.filter((l) => l.command?.command?.startsWith('promptCostLens.')).map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' }));
}

/** Settings as the extension parses them: the schema defaults with `o` merged (each key validated by the core). */
export function settingsWith(o: Record<string, unknown> = {}): Settings {
  return parseSettings(o, 'test').settings;
}

/** The core's analysis of a document's current text at these settings (path relative to the workspace). */
export async function coreAnalysis(doc: vscode.TextDocument, o: Record<string, unknown> = {}): Promise<AnalyzedPrompt[]> {
  return analyzeDocument(vscode.workspace.asRelativePath(doc.uri, false), doc.getText(), { settings: settingsWith(o), catalog: await loadCatalog() });
}

/** The lens line the core's formatLens writes for an analysed prompt. */
export function coreTitle(a: AnalyzedPrompt): string {
  const e = { exact: a.exact, tokens: a.tokens, perRequestUSD: a.request?.totalUSD ?? 0, monthlyUSD: a.monthly?.monthlyUSD ?? 0, requestsPerDay: a.requestsPerDay, modelId: a.modelId };
  return formatLens(e as PromptEstimate);
}

/** What the lenses of a document must read: one per prompt the core finds, at its first line. */
export async function expectedLenses(doc: vscode.TextDocument, o: Record<string, unknown> = {}): Promise<{ line: number; title: string }[]> {
  return (await coreAnalysis(doc, o)).map((a) => ({ line: a.prompt.startLine, title: coreTitle(a) }));
}

/** Retries `check` until it stops throwing or `ms` pass (settings and edits reach the host asynchronously). */
export async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function lensesMatch(doc: vscode.TextDocument, o: Record<string, unknown> = {}, ms?: number): Promise<{ line: number; title: string }[]> {
  return eventually(async () => {
    const want = await expectedLenses(doc, o);
    const got = await lensTitles(doc.uri);
    assert.deepStrictEqual(got, want, `${vscode.workspace.asRelativePath(doc.uri)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    return want;
  }, ms);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every `promptCostLens.*` setting back to its default (user and workspace). */
export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  for (const key of ['model', 'requestsPerDay', 'outputTokens', 'daysPerMonth', 'overheads', 'forecast', 'include', 'exclude', 'overrides', 'variables', 'budgets', 'rules', 'customModels', 'priceOverrides']) {
    const i = config.inspect(key);
    if (i?.globalValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    if (i?.workspaceValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
