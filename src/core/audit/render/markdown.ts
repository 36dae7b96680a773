/**
 * The report as GitHub-flavoured Markdown for a PR comment: headline, top prompts, findings by savings, all prompts
 * in a collapsed <details>, skipped files, prices date. Stays under GitHub's 65,536-character comment limit by
 * cutting table rows ("… N more") rather than the end of the text.
 */
import type { AuditReport, ReportPrompt } from '../types';
import { findingsBySavings, formatInt, type LocatedFinding, formatUSD, locationText, promptsByCost, promptSavingsUSD, sharePct, truncate } from './util';

/** GitHub rejects comments above 65,536 characters; the default leaves room for a marker the caller may add. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Upper bound on the length (UTF-16 code units, which is never fewer than characters). Default 65,000. */
  readonly maxChars?: number;
  /** Rows of the top-prompts table. Default 10. */
  readonly topPrompts?: number;
}

interface Limits {
  top: number;
  findings: number;
  all: number;
  skipped: number;
  /** Longest cell text (names, messages). */
  cell: number;
}

export function renderMarkdown(r: AuditReport, opts: MarkdownOptions = {}): string {
  const max = Math.max(1000, Math.min(opts.maxChars ?? 65_000, GITHUB_COMMENT_LIMIT));
  // Past ~500 rows a table cannot fit the limit anyway (a row is 100+ characters); start there.
  const lim: Limits = { top: opts.topPrompts ?? 10, findings: 100, all: Math.min(r.prompts.length, 500), skipped: 50, cell: 300 };
  const sorted: Sorted = { ranked: promptsByCost(r), found: findingsBySavings(r) };
  let md = build(r, lim, sorted);
  // Shrink the longest tables first; each step at least halves one limit, so this ends quickly.
  for (let i = 0; md.length > max && i < 64; i++) {
    if (lim.all > 10) lim.all = Math.floor(lim.all / 2);
    else if (lim.findings > 10) lim.findings = Math.floor(lim.findings / 2);
    else if (lim.skipped > 5) lim.skipped = Math.floor(lim.skipped / 2);
    else if (lim.cell > 60) lim.cell = Math.floor(lim.cell / 2);
    else if (lim.all > 0 || lim.findings > 1 || lim.top > 1 || lim.skipped > 0) {
      lim.all = 0;
      lim.skipped = 0;
      lim.findings = Math.max(1, Math.floor(lim.findings / 2));
      lim.top = Math.max(1, Math.floor(lim.top / 2));
    } else break;
    md = build(r, lim, sorted);
  }
  if (md.length > max) md = md.slice(0, max - 40).replace(/[\uD800-\uDBFF]$/, '') + '\n\n… (report cut to fit a comment)\n';
  return md;
}

interface Sorted {
  readonly ranked: ReportPrompt[];
  readonly found: LocatedFinding[];
}

function build(r: AuditReport, lim: Limits, { ranked, found }: Sorted): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`## Prompt Cost Lens: ${formatUSD(t.monthlyUSD)}/month`, '');
  if (r.prompts.length === 0) {
    out.push(`No prompts found in ${formatInt(t.filesScanned)} file${t.filesScanned === 1 ? '' : 's'} scanned.`, '');
  } else {
    const share = sharePct(t.savingsMonthlyUSD, t.monthlyUSD);
    out.push(
      `**${formatInt(t.prompts)} prompt${t.prompts === 1 ? '' : 's'}** in ${formatInt(t.files)} file${t.files === 1 ? '' : 's'} ` +
        `(${formatInt(t.filesScanned)} scanned) · ${formatInt(t.tokens)} input tokens · ${formatUSD(t.perRequestUSD)} per request of each · ` +
        `**${formatUSD(t.savingsMonthlyUSD)}/month savings available**${share ? ` (${share})` : ''} ` +
        `from ${formatInt(t.findings)} finding${t.findings === 1 ? '' : 's'}`,
      '',
    );
  }
  if (r.budget) {
    const head = r.budget.ok ? '✅ **Within budget**' : '❌ **Over budget**';
    const reasons = r.budget.reasons.map((x) => text(x, lim.cell)).join('; ');
    out.push(reasons ? `${head}: ${reasons}` : head, '');
  }
  if (r.prompts.length > 0) {
    out.push(`### Top prompts by monthly cost`, '');
    out.push(...table(
      ['#', 'Prompt', 'Location', 'Model', 'Tokens', '$/request', '$/month', 'Savings/month'],
      ['--:', '---', '---', '---', '--:', '--:', '--:', '--:'],
      ranked.slice(0, lim.top).map((p, i) => [String(i + 1), code(p.name, lim.cell), loc(p), code(p.model, 80), tokens(p), formatUSD(p.perRequestUSD), formatUSD(p.monthlyUSD), savings(p)]),
      ranked.length - lim.top,
      'prompts',
    ), '');
  }
  if (found.length > 0) {
    out.push(`### Findings by savings`, '');
    out.push(...table(
      ['Rule', 'Severity', 'Location', 'Finding', 'Tokens saved/request', 'Savings/month'],
      ['---', '---', '---', '---', '--:', '--:'],
      found.slice(0, lim.findings).map(({ prompt, finding: f }) => [
        code(f.rule, 60), f.severity, code(locationText(prompt.file, f.startLine, f.endLine), lim.cell), text(f.message, lim.cell),
        formatInt(f.savingsTokens), formatUSD(f.savingsMonthlyUSD),
      ]),
      found.length - lim.findings,
      'findings',
    ), '');
  } else if (r.prompts.length > 0) {
    out.push('No waste found.', '');
  }
  if (r.prompts.length > 0) {
    out.push(`<details><summary>All ${formatInt(r.prompts.length)} prompts</summary>`, '');
    out.push(...table(
      ['Prompt', 'Location', 'Kind', 'Model', 'Tokens', 'Requests/day', '$/request', '$/month', 'Findings'],
      ['---', '---', '---', '---', '--:', '--:', '--:', '--:', '--:'],
      r.prompts.slice(0, lim.all).map((p) => [
        code(p.name, lim.cell), loc(p), text(`${p.kind} (${p.format})`, 80), code(p.model, 80), tokens(p), formatInt(p.requestsPerDay),
        formatUSD(p.perRequestUSD), formatUSD(p.monthlyUSD), String(p.findings.length),
      ]),
      r.prompts.length - lim.all,
      'prompts',
    ), '', '</details>', '');
  }
  if (r.skipped.length > 0) {
    out.push(`<details><summary>${formatInt(r.skipped.length)} skipped file${r.skipped.length === 1 ? '' : 's'}</summary>`, '');
    for (const s of r.skipped.slice(0, lim.skipped)) out.push(`- ${code(s.file, lim.cell)}: ${text(s.reason, lim.cell)}`);
    if (r.skipped.length > lim.skipped) out.push(`- … ${formatInt(r.skipped.length - lim.skipped)} more`);
    out.push('', '</details>', '');
  }
  out.push(
    `<sub>Prices as of ${text(r.pricesAsOf, 40)} · default model ${code(r.model, 80)} · ${formatInt(r.requestsPerDay)} requests/day · ` +
      `${formatInt(r.daysPerMonth)} days/month · ≈ estimated tokens · prompt-cost-lens ${text(r.tool.version, 40)}</sub>`,
  );
  return out.join('\n') + '\n';
}

function table(head: string[], align: string[], rows: string[][], more: number, noun: string): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(head), line(align), ...rows.map(line)];
  if (more > 0) out.push(line([`… ${formatInt(more)} more ${noun}`, ...head.slice(1).map(() => '')]));
  return out;
}

const loc = (p: ReportPrompt) => code(locationText(p.file, p.startLine, p.endLine), 300);
const tokens = (p: ReportPrompt) => (p.exact ? '' : '≈') + formatInt(p.tokens);
const savings = (p: ReportPrompt) => (p.findings.length ? formatUSD(promptSavingsUSD(p)) : '—');

const oneLine = (s: string) => String(s).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/\t/g, ' ');

/** Text in a table cell or list item: one line, Markdown and HTML punctuation escaped (`|` included). */
export function text(s: string, max: number): string {
  return truncate(oneLine(s), max).replace(/[\\`*_[\]<>|~&@!#]/g, '\\$&');
}

/** A code span that survives any content: backticks, pipes, newlines. */
export function code(s: string, max: number): string {
  const raw = truncate(oneLine(s), max);
  // GFM splits cells before inline parsing and reads `\\` as an escape there, so `\|` cannot be kept in a code span.
  if (raw.includes('\\|')) return text(raw, max);
  const body = raw.replace(/\|/g, '\\|');
  if (body === '') return '';
  const runs = body.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((x) => x.length)) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
