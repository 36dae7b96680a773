import * as vscode from 'vscode';
import type { AnalyzedPrompt } from '../../core/audit/analyze';
import { formatUSD } from '../../core/format/numbers';
import { ruleById } from '../../core/rules/index';
import type { Finding, Severity } from '../../core/rules/types';
import type { AnalysisService } from '../analysis/analysisService';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { OffsetMap } from '../paths';

/** `diagnostic.source` of every diagnostic of the extension (the code actions look for it). */
export const DIAGNOSTIC_SOURCE = 'Prompt Cost Lens';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One analysed file, as the audit hands it over. */
export interface AnalyzedFileRef {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly prompts: readonly AnalyzedPrompt[];
}

/**
 * The waste rules' findings as diagnostics, in one DiagnosticCollection: live for open documents (each new analysis
 * replaces the document's diagnostics), and for every file after "Audit Workspace". Severities come from the core
 * (the `rules` setting); each code links to the rule's page shipped inside the extension (docs/rules/<id>.md), and
 * duplicate passages carry the other copies as related information.
 */
export class PromptDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('prompt-cost-lens');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    analysis: AnalysisService,
    private readonly index: WorkspaceIndex,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      analysis.onDidAnalyze((a) => this.collection.set(a.uri, this.toDiagnostics(a.uri, a.text, a.prompts))),
      // Closing a document with unsaved changes drops what was found in text that is not on disk.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.isDirty || d.isUntitled) this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.collection.delete(u))),
    );
  }

  /** Replaces the diagnostics of the audited files (and clears those of files no longer reporting anything). */
  setFromAudit(files: readonly AnalyzedFileRef[]): number {
    let count = 0;
    const seen = new Set<string>();
    for (const f of files) {
      const diags = this.toDiagnostics(f.uri, f.text, f.prompts);
      count += diags.length;
      seen.add(f.uri.toString());
      this.collection.set(f.uri, diags);
    }
    this.collection.forEach((uri) => {
      if (!seen.has(uri.toString()) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.collection.delete(uri);
    });
    return count;
  }

  /** Link of a rule's documentation page inside the installed extension. */
  docsUri(ruleId: string): vscode.Uri {
    const docs = ruleById(ruleId)?.docs ?? `docs/rules/${ruleId}.md`;
    return vscode.Uri.joinPath(this.extensionUri, ...docs.split('/'));
  }

  toDiagnostics(uri: vscode.Uri, text: string, prompts: readonly AnalyzedPrompt[]): vscode.Diagnostic[] {
    const map = new OffsetMap(text);
    const out: vscode.Diagnostic[] = [];
    for (const p of prompts) for (const f of p.findings) out.push(this.toDiagnostic(uri, map, f));
    return out;
  }

  private toDiagnostic(uri: vscode.Uri, map: OffsetMap, f: Finding): vscode.Diagnostic {
    const save = f.savingsMonthlyUSD >= 0.005 ? ` [saves ${formatUSD(f.savingsMonthlyUSD)}/month]` : '';
    const d = new vscode.Diagnostic(map.range(f.startOffset, f.endOffset), `${f.message}${save}`, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: this.docsUri(f.rule) };
    if (f.related?.length) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      d.relatedInformation = f.related.map((r) => {
        const other = folder ? vscode.Uri.joinPath(folder.uri, ...r.path.split('/')) : vscode.Uri.parse(r.path);
        const otherText = this.index.textOf(other);
        const range = otherText !== undefined ? new OffsetMap(otherText).range(r.startOffset, r.endOffset) : new vscode.Range(0, 0, 0, 0);
        return new vscode.DiagnosticRelatedInformation(new vscode.Location(other, range), r.message);
      });
    }
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
