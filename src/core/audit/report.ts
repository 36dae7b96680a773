import { LineIndex } from '../discovery/lines';
import { CATALOG_SOURCE } from '../pricing/catalog';
import type { AnalyzedPrompt } from './analyze';
import type { AuditReport, ReportFinding, ReportPrompt, ReportSkipped } from './types';

/** One analysed file: its path, text (for offsets → lines) and prompts. */
export interface AnalyzedFile {
  readonly path: string;
  readonly text: string;
  readonly prompts: readonly AnalyzedPrompt[];
}

export interface BuildReportInput {
  readonly root: string;
  readonly model: string;
  readonly requestsPerDay: number;
  readonly daysPerMonth: number;
  readonly files: readonly AnalyzedFile[];
  readonly skipped: readonly ReportSkipped[];
  readonly filesScanned: number;
  readonly toolVersion: string;
  readonly generatedAt?: Date;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Turns analysed files into the report (JSON version 1): prompts sorted by monthly cost, lines 1-based inclusive. */
export function buildReport(input: BuildReportInput): AuditReport {
  const prompts: (ReportPrompt & { error?: string })[] = [];
  let newestPriceDate = '';
  for (const f of input.files) {
    const lines = new LineIndex(f.text);
    for (const a of f.prompts) {
      if (a.model?.priceDate && a.model.priceDate > newestPriceDate) newestPriceDate = a.model.priceDate;
      const findings: ReportFinding[] = a.findings.map((x) => ({
        rule: x.rule, severity: x.severity, message: x.message,
        startLine: lines.lineAt(x.startOffset) + 1,
        endLine: lines.lineAt(Math.max(x.startOffset, x.endOffset - 1)) + 1,
        savingsTokens: round(x.savingsTokens, 0), savingsMonthlyUSD: round(x.savingsMonthlyUSD, 6),
      }));
      findings.sort((p, q) => SEVERITY_ORDER[p.severity] - SEVERITY_ORDER[q.severity] || q.savingsMonthlyUSD - p.savingsMonthlyUSD);
      prompts.push({
        file: f.path, startLine: a.prompt.startLine + 1, endLine: a.prompt.endLine + 1, kind: a.prompt.kind, format: a.prompt.format,
        name: a.prompt.name, tokens: a.tokens, staticTokens: a.staticTokens, exact: a.exact, model: a.model?.id ?? a.modelId,
        requestsPerDay: a.requestsPerDay, outputTokens: a.outputTokens,
        variables: a.variables.map((v) => ({ name: v.name, estimatedTokens: v.estimatedTokens })),
        perRequestUSD: round(a.request?.totalUSD ?? 0, 9), monthlyUSD: round(a.monthly?.monthlyUSD ?? 0, 6),
        ...(a.prompt.frequency ? { frequency: a.prompt.frequency } : {}),
        confidence: round(a.prompt.confidence, 2), findings,
        ...(a.error ? { error: a.error } : {}),
      });
    }
  }
  prompts.sort((p, q) => q.monthlyUSD - p.monthlyUSD || p.file.localeCompare(q.file) || p.startLine - q.startLine);
  const sum = (f: (p: ReportPrompt) => number) => prompts.reduce((a, p) => a + f(p), 0);
  return {
    version: 1,
    tool: { name: 'prompt-cost-lens', version: input.toolVersion },
    root: input.root,
    model: input.model,
    pricesAsOf: newestPriceDate > CATALOG_SOURCE.date ? newestPriceDate : CATALOG_SOURCE.date,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    requestsPerDay: input.requestsPerDay,
    daysPerMonth: input.daysPerMonth,
    totals: {
      prompts: prompts.length,
      files: new Set(prompts.map((p) => p.file)).size,
      filesScanned: input.filesScanned,
      tokens: sum((p) => p.tokens),
      perRequestUSD: round(sum((p) => p.perRequestUSD), 9),
      monthlyUSD: round(sum((p) => p.monthlyUSD), 6),
      findings: sum((p) => p.findings.length),
      savingsMonthlyUSD: round(sum((p) => p.findings.reduce((a, f) => a + f.savingsMonthlyUSD, 0)), 6),
    },
    prompts,
    skipped: [...input.skipped].sort((a, b) => a.file.localeCompare(b.file)),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Budget check: over the workspace budget, or grown past the baseline by more than `maxGrowthPct`. */
export function checkBudget(report: AuditReport, opts: { maxMonthlyUSD?: number; baselineMonthlyUSD?: number; maxGrowthPct?: number }): NonNullable<AuditReport['budget']> {
  const reasons: string[] = [];
  const total = report.totals.monthlyUSD;
  if (opts.maxMonthlyUSD !== undefined && total > opts.maxMonthlyUSD) {
    reasons.push(`monthly cost $${total.toFixed(2)} is over the budget of $${opts.maxMonthlyUSD.toFixed(2)}`);
  }
  if (opts.baselineMonthlyUSD !== undefined) {
    const limit = opts.maxGrowthPct ?? 10;
    const base = opts.baselineMonthlyUSD;
    const growth = base > 0 ? ((total - base) / base) * 100 : total > 0 ? Infinity : 0;
    if (growth > limit) reasons.push(`monthly cost grew ${Number.isFinite(growth) ? growth.toFixed(1) + '%' : 'from $0'} over the baseline ($${base.toFixed(2)} → $${total.toFixed(2)}), more than the allowed ${limit}%`);
  }
  return { ...opts, ok: reasons.length === 0, reasons };
}
