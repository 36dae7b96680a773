import * as vscode from 'vscode';
import { analyzeDocument } from '../../core/audit/analyze';
import { REPORT_EXTENSIONS, renderReport } from '../../core/audit/render/index';
import type { ReportFormat } from '../../core/audit/render/index';
import { buildReport, checkBudget } from '../../core/audit/report';
import type { AuditReport } from '../../core/audit/types';
import { formatUSD } from '../../core/format/numbers';
import { loadCatalog } from '../../core/pricing/catalog';
import type { AnalyzedFileRef } from '../features/diagnostics';
import { folderFor } from '../paths';
import type { PickItem } from '../ui/prompter';
import type { CommandContext } from './context';
import type { ReportView } from './reportView';

declare const __PCL_VERSION__: string;

/** The workspaceState key remembering the last report format. */
export const FORMAT_STATE_KEY = 'promptCostLens.auditFormat';

const FORMATS: readonly PickItem<ReportFormat>[] = [
  { label: 'Markdown', description: 'report.md, opened in the Markdown preview', value: 'md' },
  { label: 'HTML', description: 'one self-contained page with charts, opened in a panel', value: 'html' },
  { label: 'JSON', description: 'the report data (version 1), e.g. as a CI baseline', value: 'json' },
  { label: 'CSV', description: 'one row per prompt, for a spreadsheet', value: 'csv' },
  { label: 'SARIF', description: 'SARIF 2.1.0 for code scanning', value: 'sarif' },
];

export interface AuditOutcome {
  readonly report: AuditReport;
  readonly format: ReportFormat;
  /** Where the report was written; undefined when the user chose not to write it. */
  readonly uri?: vscode.Uri;
  readonly diagnostics: number;
}

/**
 * "Prompt Cost: Audit Workspace": scans the workspace (window.withProgress, cancellable), prices every prompt with
 * the cross-file rules on, fills the Problems panel, writes the report in the chosen format (remembered per
 * workspace) next to the workspace root — never overwriting a file without a modal confirmation — and opens it.
 */
export class AuditWorkspace {
  constructor(
    private readonly ctx: CommandContext,
    private readonly view: ReportView,
  ) {}

  async run(): Promise<AuditOutcome | undefined> {
    const folder = folderFor(vscode.window.activeTextEditor?.document.uri);
    if (!folder) {
      void vscode.window.showWarningMessage('Prompt Cost: open a folder to audit.');
      return undefined;
    }
    const last = this.ctx.workspaceState.get<ReportFormat>(FORMAT_STATE_KEY, 'md');
    const format = await this.ctx.ui.pick({ title: 'Prompt Cost: Audit Workspace — report format', placeholder: `Format of the report (last time: ${last})`, items: FORMATS, active: last });
    if (!format) return undefined;
    await this.ctx.workspaceState.update(FORMAT_STATE_KEY, format);
    const audited = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Prompt Cost: auditing the workspace', cancellable: true },
      (progress, token) => this.audit(folder, progress, token),
    );
    if (!audited) {
      void vscode.window.showInformationMessage('Prompt Cost: audit cancelled.');
      return undefined;
    }
    const { report, files } = audited;
    const diagnostics = this.ctx.diagnostics.setFromAudit(files);
    const text = renderReport(report, format);
    const uri = await this.write(folder, text, format);
    this.ctx.log.info(`audit: ${report.totals.prompts} prompts in ${report.totals.files} files, ${formatUSD(report.totals.monthlyUSD)}/month, ${diagnostics} findings${uri ? ` → ${uri.toString(true)}` : ''}`);
    const summary = `${report.totals.prompts} prompts, ${formatUSD(report.totals.monthlyUSD)}/month, ${formatUSD(report.totals.savingsMonthlyUSD)}/month of waste found (${diagnostics} in the Problems panel).`;
    void vscode.window.showInformationMessage(`Prompt Cost: ${summary}`);
    if (uri) await this.open(uri, format, text, report);
    return { report, format, uri, diagnostics };
  }

  private async audit(folder: vscode.WorkspaceFolder, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<{ report: AuditReport; files: AnalyzedFileRef[] } | undefined> {
    progress.report({ message: 'finding prompt files…' });
    let reported = 0;
    const complete = await this.ctx.index.rescan(token, (done, total) => {
      const pct = (done / Math.max(1, total)) * 50;
      progress.report({ message: `reading ${done}/${total} files`, increment: pct - reported });
      reported = pct;
    });
    if (!complete || token.isCancellationRequested) return undefined;
    const inFolder = this.ctx.index.withPrompts().filter((f) => vscode.workspace.getWorkspaceFolder(f.uri)?.uri.toString() === folder.uri.toString());
    const workspacePrompts = inFolder.flatMap((f) => f.prompts.map((prompt) => ({ path: f.path, prompt })));
    const catalog = await loadCatalog();
    const files: AnalyzedFileRef[] = [];
    const analyzed: { path: string; text: string; prompts: AnalyzedFileRef['prompts'] }[] = [];
    for (const [i, f] of inFolder.entries()) {
      if (token.isCancellationRequested) return undefined;
      const prompts = await analyzeDocument(f.path, f.text ?? '', { settings: this.ctx.settings.read(f.uri), catalog, workspacePrompts, prompts: f.prompts });
      files.push({ uri: f.uri, text: f.text ?? '', prompts });
      analyzed.push({ path: f.path, text: f.text ?? '', prompts });
      progress.report({ message: `pricing ${i + 1}/${inFolder.length} files with prompts`, increment: 50 / Math.max(1, inFolder.length) });
    }
    const settings = this.ctx.settings.read(folder.uri);
    let report = buildReport({
      root: folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.path, model: settings.model, requestsPerDay: settings.requestsPerDay,
      daysPerMonth: settings.daysPerMonth, files: analyzed, skipped: [], filesScanned: this.ctx.index.filesScanned,
      toolVersion: typeof __PCL_VERSION__ === 'string' ? __PCL_VERSION__ : 'dev',
    });
    if (settings.budgets.maxMonthlyUSD !== undefined) report = { ...report, budget: checkBudget(report, { maxMonthlyUSD: settings.budgets.maxMonthlyUSD }) };
    return { report, files };
  }

  /** Writes the report; asks (modal) before replacing an existing file. Undefined when the user declined. */
  private async write(folder: vscode.WorkspaceFolder, text: string, format: ReportFormat): Promise<vscode.Uri | undefined> {
    let uri = vscode.Uri.joinPath(folder.uri, `prompt-cost-report.${REPORT_EXTENSIONS[format]}`);
    if (await exists(uri)) {
      const name = uri.path.split('/').pop();
      const choice = await this.ctx.ui.confirm(`${name} already exists. Replace it?`, 'The audit report is written to the workspace root.', ['Overwrite', 'Save As…']);
      if (choice === 'Save As…') {
        uri = (await vscode.window.showSaveDialog({ defaultUri: uri, filters: { Report: [REPORT_EXTENSIONS[format]] } })) as vscode.Uri;
        if (!uri) return undefined;
      } else if (choice !== 'Overwrite') {
        return undefined;
      }
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return uri;
  }

  private async open(uri: vscode.Uri, format: ReportFormat, text: string, report: AuditReport): Promise<void> {
    if (format === 'html') {
      this.view.show(text, `Prompt cost: ${formatUSD(report.totals.monthlyUSD)}/month`);
    } else if (format === 'md') {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } else {
      await vscode.window.showTextDocument(uri, { preview: false });
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
