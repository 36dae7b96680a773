import * as vscode from 'vscode';
import { formatUSD } from '../../core/format/numbers';
import type { Finding } from '../../core/rules/types';
import type { AnalysisService, DocumentAnalysis } from '../analysis/analysisService';
import { annotationChange } from '../annotations';
import { CommandId } from '../commands/commandIds';
import type { PromptRef } from '../commands/commandIds';
import { DOCUMENT_SELECTOR } from '../paths';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/**
 * Quick fixes for the waste diagnostics: every fix the core returns (a WorkspaceEdit of its text edits; the first is
 * preferred, so one keystroke applies it), "ignore this rule here" (adds `prompt-cost: ignore=<rule-id>` to the
 * prompt's annotation) and "set traffic for this prompt".
 */
export class PromptCodeActions implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly registration: vscode.Disposable;

  constructor(private readonly analysis: AnalysisService) {
    this.registration = vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, this, { providedCodeActionKinds: PromptCodeActions.kinds });
  }

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
    if (ours.length === 0 || !this.analysis.handles(document)) return [];
    const a = this.analysis.current(document) ?? (await this.analysis.analyze(document));
    if (token.isCancellationRequested || a.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    let preferred = false;
    for (const d of ours) {
      const match = this.findingFor(a, d, document);
      if (!match) continue;
      const { finding, promptIndex } = match;
      finding.fixes.forEach((fix, i) => {
        const save = finding.savingsMonthlyUSD >= 0.005 ? ` (saves ${formatUSD(finding.savingsMonthlyUSD)}/month)` : '';
        const action = new vscode.CodeAction(`${fix.title}${i === 0 ? save : ''}`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.startOffset), document.positionAt(e.endOffset)), e.newText);
        action.diagnostics = [d];
        if (i === 0 && !preferred) action.isPreferred = preferred = true;
        actions.push(action);
      });
      const p = a.prompts[promptIndex];
      const ignore = annotationChange(a.text, p.prompt, p.inline, document.languageId, 'ignore', finding.rule);
      if (ignore) {
        const action = new vscode.CodeAction(`Ignore ${finding.rule} for this prompt (prompt-cost: ignore=${finding.rule})`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(ignore.start), document.positionAt(ignore.end)), ignore.text);
        action.diagnostics = [d];
        actions.push(action);
      }
      const ref: PromptRef = { uri: document.uri, promptIndex };
      const traffic = new vscode.CodeAction('Set traffic for this prompt…', vscode.CodeActionKind.QuickFix);
      traffic.command = { command: CommandId.setTraffic, title: 'Set traffic for this prompt…', arguments: [ref] };
      traffic.diagnostics = [d];
      actions.push(traffic);
    }
    return dedupe(actions);
  }

  /** The finding behind a diagnostic: same rule and same range, in the analysis of this version. */
  private findingFor(a: DocumentAnalysis, d: vscode.Diagnostic, doc: vscode.TextDocument): { finding: Finding; promptIndex: number } | undefined {
    const rule = ruleOf(d);
    const start = doc.offsetAt(d.range.start);
    const end = doc.offsetAt(d.range.end);
    for (let promptIndex = 0; promptIndex < a.prompts.length; promptIndex++) {
      const finding = a.prompts[promptIndex].findings.find((f) => f.rule === rule && f.startOffset === start && f.endOffset === end);
      if (finding) return { finding, promptIndex };
    }
    return undefined;
  }

  dispose(): void {
    this.registration.dispose();
  }
}

/** One "set traffic" / "ignore" action per prompt and rule, even with several diagnostics under the cursor. */
function dedupe(actions: vscode.CodeAction[]): vscode.CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((x) => {
    const key = `${x.title}|${x.command ? JSON.stringify(x.command.arguments) : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
