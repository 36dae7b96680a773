/** The report as JSON: a fixed key order (the order of `types.ts`), 2-space indent, trailing newline. */
import type { AuditReport } from '../types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Key order per object kind; keys not listed (future additions) follow in code-unit order. */
const ORDER = {
  report: ['version', 'tool', 'root', 'model', 'pricesAsOf', 'generatedAt', 'requestsPerDay', 'daysPerMonth', 'totals', 'prompts', 'skipped', 'budget'],
  tool: ['name', 'version'],
  totals: ['prompts', 'files', 'filesScanned', 'tokens', 'perRequestUSD', 'monthlyUSD', 'findings', 'savingsMonthlyUSD'],
  prompt: [
    'file', 'startLine', 'endLine', 'kind', 'format', 'name', 'tokens', 'staticTokens', 'exact', 'model', 'requestsPerDay',
    'outputTokens', 'variables', 'perRequestUSD', 'monthlyUSD', 'frequency', 'confidence', 'findings',
  ],
  variable: ['name', 'estimatedTokens'],
  finding: ['rule', 'severity', 'message', 'startLine', 'endLine', 'savingsTokens', 'savingsMonthlyUSD'],
  skipped: ['file', 'reason'],
  budget: ['maxMonthlyUSD', 'baselineMonthlyUSD', 'maxGrowthPct', 'ok', 'reasons'],
} as const;

type Kind = keyof typeof ORDER;

/** Which kind of object sits under a key of a kind (arrays: the kind of their items). */
const CHILD: Partial<Record<Kind, Record<string, Kind>>> = {
  report: { tool: 'tool', totals: 'totals', prompts: 'prompt', skipped: 'skipped', budget: 'budget' },
  prompt: { variables: 'variable', findings: 'finding' },
};

function order(value: unknown, kind: Kind | undefined): Json | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (typeof value === 'bigint') return Number(value);
    return value as Json;
  }
  if (Array.isArray(value)) return value.map((v) => order(v, kind) ?? null);
  const obj = value as Record<string, unknown>;
  const listed: readonly string[] = kind ? ORDER[kind] : [];
  const rest = Object.keys(obj).filter((k) => !listed.includes(k)).sort();
  const out: { [k: string]: Json } = Object.create(null); // a `__proto__` key stays a plain key
  for (const k of [...listed, ...rest]) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    const v = order(obj[k], kind ? CHILD[kind]?.[k] : undefined);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The report with its keys in the fixed order (a plain JSON value; optional keys left out when undefined). */
export function orderedReport(r: AuditReport): Json {
  return order(r, 'report') ?? null;
}

export function renderJson(r: AuditReport): string {
  return JSON.stringify(orderedReport(r), null, 2) + '\n';
}
