import type * as vscode from 'vscode';
import type { AnalysisService, DocumentAnalysis } from './analysis/analysisService';
import type { WorkspaceIndex, WorkspaceTotals } from './analysis/workspaceIndex';
import type { StatusBarState } from './features/statusBar';
import type { Prompter } from './ui/prompter';

/**
 * What `activate` returns (`vscode.extensions.getExtension(id).exports`): read-only views for integration tests and
 * other extensions, plus one test hook — `usePrompter` answers the commands' questions instead of a person.
 */
export interface PromptCostApi {
  /** The status bar's current text and tooltip. */
  statusBar(): StatusBarState;
  /** The analysis of a document's current version (the one CodeLens, hover and diagnostics use). */
  analyze(doc: vscode.TextDocument): Promise<DocumentAnalysis>;
  readonly onDidAnalyze: vscode.Event<DocumentAnalysis>;
  /** Per-prompt cache counters (hits are prompts an edit did not have to recompute). */
  cacheStats(): { entries: number; hits: number; misses: number };
  /** Runs the workspace scan now; false when it was cancelled. */
  rescanWorkspace(): Promise<boolean>;
  workspaceTotals(): WorkspaceTotals;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Test hook: a prompter answering quick picks, input boxes and confirmations (undefined: the real UI again). */
  usePrompter(p: Prompter | undefined): void;
}

export function createApi(parts: { analysis: AnalysisService; index: WorkspaceIndex; statusBar: () => StatusBarState; diagnostics: vscode.DiagnosticCollection; usePrompter(p: Prompter | undefined): void }): PromptCostApi {
  const { analysis, index } = parts;
  return {
    statusBar: parts.statusBar,
    analyze: (doc) => analysis.analyze(doc),
    onDidAnalyze: analysis.onDidAnalyze,
    cacheStats: () => analysis.cacheStats,
    rescanWorkspace: () => index.rescan(),
    workspaceTotals: () => index.totals(),
    diagnostics: parts.diagnostics,
    usePrompter: parts.usePrompter,
  };
}
