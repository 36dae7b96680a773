import * as vscode from 'vscode';
import { loadCatalog } from '../../core/pricing/catalog';
import { parseAmount } from '../../core/slots/inline';
import { validateTraffic } from './apply';
import { promptTarget } from './context';
import type { CommandContext } from './context';
import { pickModel } from './modelPicker';
import { computeWorkload, formatOverheads, parseOverheads, workloadMarkdown } from './workload';
import type { WorkloadResult } from './workload';

/** What Estimate Workload produced (returned to callers and tests). */
export interface WorkloadOutcome {
  readonly result: WorkloadResult;
  readonly markdown: string;
  readonly document: vscode.Uri;
}

const STEPS = 5;

function validateTokens(v: string): string | undefined {
  const n = parseAmount(v);
  return n === undefined || !Number.isInteger(n) ? 'A whole number of tokens ≥ 0, e.g. 1240 or 1.5k' : undefined;
}

/**
 * "Prompt Cost: Estimate Workload": a guided five-step input — model (from the catalog, prices shown), requests per
 * day, input and output tokens (prefilled from the prompt at the cursor), overheads — validated as typed. Ends in
 * a Markdown document with per request / day / month, the hidden-cost layers and the forecast, plus the same numbers
 * as JSON ("Copy JSON").
 */
export class EstimateWorkload {
  private last: WorkloadResult | undefined;

  constructor(private readonly ctx: CommandContext) {}

  /** The JSON of the last estimate (the "Copy JSON" action). */
  get lastJson(): string | undefined {
    return this.last && JSON.stringify(this.last, null, 2);
  }

  async run(): Promise<WorkloadOutcome | undefined> {
    const { ui } = this.ctx;
    const t = await promptTarget(this.ctx).catch(() => undefined);
    const settings = this.ctx.settings.read(t?.doc.uri ?? vscode.window.activeTextEditor?.document.uri);
    const from = t ? ` (prefilled from ${t.prompt.prompt.name || t.analysis.path})` : '';
    const title = (s: string) => `Estimate Workload: ${s}${from}`;
    const model = await pickModel(ui, { title: title('model'), current: t?.prompt.model ? t.prompt.modelId : settings.model, custom: Object.keys(settings.customModels), step: 1, totalSteps: STEPS });
    if (!model) return undefined;
    const rpd = await ui.input({ title: title('requests per day'), prompt: 'Requests per day (30000, 30k, 1.5M)', value: String(t?.prompt.requestsPerDay ?? settings.requestsPerDay), validate: validateTraffic, step: 2, totalSteps: STEPS });
    if (rpd === undefined) return undefined;
    const input = await ui.input({ title: title('input tokens per request'), prompt: 'Input tokens per request (prompt + variables + context)', value: String(t?.prompt.tokens ?? 1000), validate: validateTokens, step: 3, totalSteps: STEPS });
    if (input === undefined) return undefined;
    const output = await ui.input({ title: title('output tokens per request'), prompt: 'Output tokens per request', value: String(t?.prompt.outputTokens ?? settings.outputTokens), validate: validateTokens, step: 4, totalSteps: STEPS });
    if (output === undefined) return undefined;
    const over = await ui.input({
      title: title('overheads'), prompt: 'Hidden-cost layers: % of the monthly cost for retries, evaluation, monitoring, context waste; fixed USD per month',
      value: formatOverheads(settings.overheads), validate: (v) => { const o = parseOverheads(v); return typeof o === 'string' ? o : undefined; }, step: 5, totalSteps: STEPS,
    });
    if (over === undefined) return undefined;
    const catalog = await loadCatalog();
    const workload = {
      model, requestsPerDay: parseAmount(rpd)!, inputTokens: parseAmount(input)!, outputTokens: parseAmount(output)!,
      daysPerMonth: settings.daysPerMonth, overheads: parseOverheads(over) as Exclude<ReturnType<typeof parseOverheads>, string>, forecast: settings.forecast,
    };
    let result: WorkloadResult;
    try {
      result = computeWorkload(catalog, workload, settings);
    } catch (e) {
      void vscode.window.showErrorMessage(`Prompt Cost: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    this.last = result;
    const markdown = workloadMarkdown(result, catalog.resolve(model, settings).prices);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    this.ctx.log.info(`workload estimate: ${model}, ${workload.requestsPerDay}/day, ${workload.inputTokens} in, ${workload.outputTokens} out → $${result.monthlyUSD.toFixed(2)}/month`);
    void vscode.window.showInformationMessage(`Prompt Cost: ${model} at ${rpd}/day costs $${result.monthlyUSD.toFixed(2)}/month ($${result.forecast.forecastMonthlyUSD.toFixed(2)} forecast).`, 'Copy JSON', 'Open Preview').then((choice) => {
      if (choice === 'Copy JSON') void this.copyJson();
      else if (choice === 'Open Preview') void vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    });
    return { result, markdown, document: doc.uri };
  }

  async copyJson(): Promise<string | undefined> {
    const json = this.lastJson;
    if (!json) {
      void vscode.window.showInformationMessage('Prompt Cost: no workload estimate yet; run "Prompt Cost: Estimate Workload" first.');
      return undefined;
    }
    await vscode.env.clipboard.writeText(json);
    void vscode.window.showInformationMessage('Prompt Cost: the estimate JSON is on the clipboard.');
    return json;
  }
}
