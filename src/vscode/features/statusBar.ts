import * as vscode from 'vscode';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import { formatInt, formatUSD } from '../../core/format/numbers';
import type { AnalysisService } from '../analysis/analysisService';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { CommandId } from '../commands/commandIds';
import { md } from './hoverContent';

/** What the status bar shows (also returned to tests through the extension's API). */
export interface StatusBarState {
  readonly text: string;
  readonly tooltip: string;
  /** 'file': the active file's prompts; 'workspace': the background scan's total. */
  readonly scope: 'file' | 'workspace';
  /** What a click runs. */
  readonly command: string;
}

function breakdown(prompts: readonly AnalyzedPrompt[], limit = 8): string[] {
  const rows = ['| Prompt | Tokens | $/month |', '|:--|--:|--:|'];
  for (const a of prompts.slice(0, limit)) {
    const name = `${md(a.prompt.name || a.path)}${a.prompt.name && !a.path.endsWith(a.prompt.name) ? ` (${md(a.path)}:${a.prompt.startLine + 1})` : ''}`;
    rows.push(`| ${name} | ${a.exact ? '' : '≈'}${formatInt(a.tokens)} | ${a.monthly ? formatUSD(a.monthly.monthlyUSD) : 'unpriced'} |`);
  }
  if (prompts.length > limit) rows.push(`| … ${prompts.length - limit} more | | |`);
  return rows;
}

/**
 * The status bar item: the active file's monthly cost when it holds prompts, else the workspace total from the
 * background scan. The tooltip breaks it down by prompt; clicking picks the model.
 */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptCostLens.cost', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private current: StatusBarState = { text: '', tooltip: '', scope: 'workspace', command: CommandId.selectModel };

  constructor(
    private readonly analysis: AnalysisService,
    private readonly index: WorkspaceIndex,
  ) {
    this.item.name = 'Prompt Cost';
    this.item.command = { command: CommandId.selectModel, title: 'Select Model' };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      analysis.onDidAnalyze((a) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === a.uri.toString()) this.update();
      }),
      index.onDidChange(() => this.update()),
    );
    this.update();
  }

  get state(): StatusBarState {
    return this.current;
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const a = doc && this.analysis.handles(doc) ? this.analysis.latest(doc.uri) : undefined;
    if (doc && !a && this.analysis.handles(doc)) void this.analysis.analyze(doc).catch(() => undefined); // updates when done
    this.current = a && a.prompts.length > 0 ? this.fileState(a.path, a.prompts) : this.workspaceState();
    this.item.text = this.current.text;
    const tip = new vscode.MarkdownString(this.current.tooltip, true);
    this.item.tooltip = tip;
    this.item.show();
  }

  private fileState(path: string, prompts: readonly AnalyzedPrompt[]): StatusBarState {
    const total = prompts.reduce((s, a) => s + (a.monthly?.monthlyUSD ?? 0), 0);
    const perReq = prompts.reduce((s, a) => s + (a.request?.totalUSD ?? 0), 0);
    const unpriced = prompts.filter((a) => !a.monthly).length;
    const n = prompts.length;
    const text = `$(credit-card) ${formatUSD(total)}/mo · ${n} prompt${n === 1 ? '' : 's'}${unpriced ? ` (${unpriced} unpriced)` : ''}`;
    const sorted = [...prompts].sort((x, y) => (y.monthly?.monthlyUSD ?? 0) - (x.monthly?.monthlyUSD ?? 0));
    const tooltip = [`**Prompt Cost** · ${md(path)}`, '', `**${formatUSD(total)}/month** · ${formatUSD(perReq)} per request of every prompt`, '', ...breakdown(sorted), '', 'Click to pick the model.'];
    return { text, tooltip: tooltip.join('\n'), scope: 'file', command: CommandId.selectModel };
  }

  private workspaceState(): StatusBarState {
    const t = this.index.totals();
    if (!t.ready) return { text: '$(sync~spin) Prompt cost…', tooltip: 'Prompt Cost: scanning the workspace for prompts…', scope: 'workspace', command: CommandId.selectModel };
    const text = `$(credit-card) Workspace ${formatUSD(t.monthlyUSD)}/mo · ${t.prompts} prompt${t.prompts === 1 ? '' : 's'}${t.scanning ? ' $(sync~spin)' : ''}`;
    const tooltip = [
      '**Prompt Cost** · workspace total', '',
      `**${formatUSD(t.monthlyUSD)}/month** for ${t.prompts} prompts in ${t.files} files${t.unpriced ? ` (${t.unpriced} unpriced: unknown model)` : ''}`, '',
      ...(t.top.length ? breakdown(t.top) : ['No prompts found.']), '', 'Click to pick the model.',
    ];
    return { text, tooltip: tooltip.join('\n'), scope: 'workspace', command: CommandId.selectModel };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
