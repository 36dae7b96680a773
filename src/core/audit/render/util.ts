/** Helpers shared by the report renderers: orderings, rule metadata, per-prompt savings, totals by file and rule. */
import { RULES } from '../../rules';
import type { AuditReport, ReportFinding, ReportPrompt, Severity } from '../types';

export { formatInt, formatUSD } from '../../format/numbers';

/** A finding together with the prompt it belongs to. */
export interface LocatedFinding {
  readonly prompt: ReportPrompt;
  readonly finding: ReportFinding;
}

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** Relative path of the rule's documentation, `docs/rules/<id>.md`. */
  readonly docs: string;
}

/** Every known rule, plus any unknown rule id the report mentions (in the order they appear). */
export function rulesOf(r: AuditReport): RuleInfo[] {
  const out: RuleInfo[] = RULES.map((x) => ({ id: x.id, title: x.title, defaultSeverity: x.defaultSeverity, docs: x.docs }));
  const known = new Set(out.map((x) => x.id));
  for (const { finding } of allFindings(r)) {
    if (known.has(finding.rule)) continue;
    known.add(finding.rule);
    out.push({ id: finding.rule, title: finding.rule, defaultSeverity: finding.severity, docs: `docs/rules/${finding.rule}.md` });
  }
  return out;
}

export function ruleTitle(id: string): string {
  return RULES.find((x) => x.id === id)?.title ?? id;
}

const num = (n: number): number => (Number.isFinite(n) ? n : 0);

/** Prompts by monthly cost, most expensive first; ties keep report order (stable). */
export function promptsByCost(r: AuditReport): ReportPrompt[] {
  return r.prompts.map((p, i) => ({ p, i })).sort((a, b) => num(b.p.monthlyUSD) - num(a.p.monthlyUSD) || a.i - b.i).map((x) => x.p);
}

/**
 * Every finding with its prompt, by monthly savings (descending); on a tie few-shot-bloat comes first, then token
 * savings (descending), then file and line.
 */
export function findingsBySavings(r: AuditReport): LocatedFinding[] {
  return allFindings(r).sort((a, b) => compareFindings(a.finding, b.finding) || compare(a.prompt.file, b.prompt.file) || a.finding.startLine - b.finding.startLine);
}

/** Order of findings: monthly savings (descending), few-shot-bloat first on a tie, then token savings (descending). */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  const first = (f: ReportFinding) => (f.rule === 'few-shot-bloat' ? 0 : 1);
  return num(b.savingsMonthlyUSD) - num(a.savingsMonthlyUSD) || first(a) - first(b) || num(b.savingsTokens) - num(a.savingsTokens);
}

function allFindings(r: AuditReport): LocatedFinding[] {
  return r.prompts.flatMap((prompt) => prompt.findings.map((finding) => ({ prompt, finding })));
}

/** Code-unit comparison: the same order in every locale and runtime. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Monthly savings of one prompt: the sum of its findings, capped at the prompt's own monthly cost (findings can
 * overlap, and no fix saves more than the prompt costs).
 */
export function promptSavingsUSD(p: ReportPrompt): number {
  const sum = p.findings.reduce((s, f) => s + num(f.savingsMonthlyUSD), 0);
  return Math.min(sum, Math.max(0, num(p.monthlyUSD)));
}

/** `file#Lstart-Lend` (or `file#Lstart` for one line). */
export function locationText(file: string, startLine: number, endLine: number): string {
  return endLine > startLine ? `${file}#L${startLine}-L${endLine}` : `${file}#L${startLine}`;
}

export interface Slice {
  readonly label: string;
  readonly value: number;
  /** Tooltip / accessible detail. */
  readonly detail?: string;
}

/** Monthly cost per file, most expensive first. */
export function costByFile(r: AuditReport): Slice[] {
  const m = new Map<string, { usd: number; n: number }>();
  for (const p of r.prompts) {
    const e = m.get(p.file) ?? { usd: 0, n: 0 };
    e.usd += num(p.monthlyUSD);
    e.n++;
    m.set(p.file, e);
  }
  return [...m].map(([label, e]) => ({ label, value: e.usd, detail: `${e.n} prompt${e.n === 1 ? '' : 's'}` })).sort((a, b) => b.value - a.value || compare(a.label, b.label));
}

/** Monthly savings per rule, largest first (few-shot-bloat first on a tie). */
export function savingsByRule(r: AuditReport): Slice[] {
  const m = new Map<string, { usd: number; n: number }>();
  for (const { finding } of allFindings(r)) {
    const e = m.get(finding.rule) ?? { usd: 0, n: 0 };
    e.usd += num(finding.savingsMonthlyUSD);
    e.n++;
    m.set(finding.rule, e);
  }
  const first = (id: string) => (id === 'few-shot-bloat' ? 0 : 1);
  return [...m]
    .map(([label, e]) => ({ label, value: e.usd, detail: `${e.n} finding${e.n === 1 ? '' : 's'}` }))
    .sort((a, b) => b.value - a.value || first(a.label) - first(b.label) || compare(a.label, b.label));
}

/** The first `n` slices, the rest folded into one "Other (k …)" slice. */
export function topWithOther(slices: readonly Slice[], n: number, noun: string): Slice[] {
  if (slices.length <= n) return [...slices];
  const rest = slices.slice(n);
  const value = rest.reduce((s, x) => s + x.value, 0);
  return [...slices.slice(0, n), { label: `Other (${rest.length} ${noun})`, value }];
}

/** Savings as a share of the total, e.g. "25%"; "" when there is no cost. */
export function sharePct(part: number, whole: number): string {
  if (!(whole > 0) || !Number.isFinite(part)) return '';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** Shortens text to `max` characters (code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Plain decimal without exponent notation, at most `decimals` decimals, trailing zeros dropped: 0.0000495, 187.92. */
export function plainNumber(n: number, decimals = 8): string {
  if (!Number.isFinite(n)) return '';
  if (Math.abs(n) >= 1e21) return String(n);
  const s = n.toFixed(decimals);
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
