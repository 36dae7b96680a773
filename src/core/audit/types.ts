/** The audit report (JSON `"version": 1`). Every renderer (md, html, csv, sarif) reads this one shape. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface ReportFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly savingsTokens: number;
  readonly savingsMonthlyUSD: number;
}

export interface ReportVariable {
  readonly name: string;
  readonly estimatedTokens: number;
}

export interface ReportPrompt {
  /** Posix path relative to the audit root. */
  readonly file: string;
  /** 1-based, inclusive: the lines of the prompt text. */
  readonly startLine: number;
  readonly endLine: number;
  /** prompt-file | agent-instructions | embedded | config-value */
  readonly kind: string;
  /** Format detail, e.g. prompty, python, agents-md. */
  readonly format: string;
  readonly name: string;
  /** Input tokens per request: static text + variable estimates. */
  readonly tokens: number;
  readonly staticTokens: number;
  readonly exact: boolean;
  readonly model: string;
  readonly requestsPerDay: number;
  readonly outputTokens: number;
  readonly variables: readonly ReportVariable[];
  readonly perRequestUSD: number;
  readonly monthlyUSD: number;
  /** always | conditional | on-demand, for agent instruction files. */
  readonly frequency?: string;
  readonly confidence: number;
  readonly findings: readonly ReportFinding[];
  /** Set when the prompt could not be priced (e.g. an unknown model); it then counts $0 in totals and says why. */
  readonly error?: string;
}

export interface ReportSkipped {
  readonly file: string;
  readonly reason: string;
}

export interface ReportTotals {
  readonly prompts: number;
  readonly files: number;
  readonly filesScanned: number;
  readonly tokens: number;
  readonly perRequestUSD: number;
  readonly monthlyUSD: number;
  readonly findings: number;
  readonly savingsMonthlyUSD: number;
}

export interface AuditReport {
  readonly version: 1;
  readonly tool: { readonly name: 'prompt-cost-lens'; readonly version: string };
  /** Absolute path of the audited folder as given. */
  readonly root: string;
  /** Default model of the run (prompts may override it). */
  readonly model: string;
  /** Date of the price data (YYYY-MM-DD). */
  readonly pricesAsOf: string;
  readonly generatedAt: string;
  readonly requestsPerDay: number;
  readonly daysPerMonth: number;
  readonly totals: ReportTotals;
  readonly prompts: readonly ReportPrompt[];
  readonly skipped: readonly ReportSkipped[];
  /** Budget outcome, when a budget or baseline was given. */
  readonly budget?: {
    readonly maxMonthlyUSD?: number;
    readonly baselineMonthlyUSD?: number;
    readonly maxGrowthPct?: number;
    readonly ok: boolean;
    readonly reasons: readonly string[];
  };
}
