import * as vscode from 'vscode';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { AnalysisService, DocumentAnalysis } from '../analysis/analysisService';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { PromptDiagnostics } from '../features/diagnostics';
import type { Log } from '../log';
import type { SettingsSource } from '../settings';
import type { Prompter } from '../ui/prompter';
import type { PromptRef } from './commandIds';

/** What the commands work with (handed over by the composition root). */
export interface CommandContext {
  readonly log: Log;
  readonly settings: SettingsSource;
  readonly analysis: AnalysisService;
  readonly index: WorkspaceIndex;
  readonly diagnostics: PromptDiagnostics;
  readonly ui: Prompter;
  /** Remembers per-workspace choices (the audit's report format). */
  readonly workspaceState: vscode.Memento;
}

/** One prompt of an open (or opened) document, with its analysis. */
export interface PromptTarget {
  readonly doc: vscode.TextDocument;
  readonly analysis: DocumentAnalysis;
  readonly promptIndex: number;
  readonly prompt: AnalyzedPrompt;
}

function isRef(x: unknown): x is PromptRef {
  return typeof x === 'object' && x !== null && 'uri' in x && 'promptIndex' in x && typeof (x as PromptRef).promptIndex === 'number';
}

/** The prompt a command is about: the one given (CodeLens, code action, side panel), else the one at the cursor. */
export async function promptTarget(ctx: CommandContext, ref?: unknown): Promise<PromptTarget | undefined> {
  if (isRef(ref)) {
    const uri = typeof ref.uri === 'string' ? vscode.Uri.parse(ref.uri) : ref.uri;
    const doc = await vscode.workspace.openTextDocument(uri);
    const analysis = await ctx.analysis.analyze(doc);
    const prompt = analysis.prompts[ref.promptIndex];
    return prompt ? { doc, analysis, promptIndex: ref.promptIndex, prompt } : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !ctx.analysis.handles(editor.document)) return undefined;
  const analysis = await ctx.analysis.analyze(editor.document);
  const offset = editor.document.offsetAt(editor.selection.active);
  const line = editor.selection.active.line;
  const promptIndex = analysis.prompts.findIndex((p) => (offset >= p.prompt.startOffset && offset <= p.prompt.endOffset) || line === p.prompt.startLine);
  return promptIndex >= 0 ? { doc: editor.document, analysis, promptIndex, prompt: analysis.prompts[promptIndex] } : undefined;
}

/** The label of a prompt in messages: its name and place. */
export function promptLabel(t: PromptTarget): string {
  return `${t.prompt.prompt.name || t.analysis.path} (${t.analysis.path}:${t.prompt.prompt.startLine + 1})`;
}
