import * as vscode from 'vscode';
import { estimatePromptText, formatLens } from '../../../src/core/estimate';

export const EXTENSION_ID = 'prompt-cost-lens.prompt-cost-lens';
export const SECTION = 'promptCostLens';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the runner opens samples/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  await ext.activate();
  return ext;
}

/** Titles of the CodeLenses VS Code gets for a document (it must have been opened first). */
export async function lensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return lenses.map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' }));
}

/** What the core says the lens must read for this text and these settings (defaults as in the schema). */
export async function expectedLens(text: string, s: { model?: string; requestsPerDay?: number; outputTokens?: number } = {}): Promise<string> {
  const e = await estimatePromptText(text, { model: s.model ?? 'gpt-4o-mini', requestsPerDay: s.requestsPerDay ?? 1000, outputTokens: s.outputTokens ?? 300, daysPerMonth: 30 });
  return formatLens(e);
}

/** Retries `check` until it stops throwing or `ms` pass (settings and edits reach the host asynchronously). */
export async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
