/**
 * The report as CSV (RFC 4180): a header and one row per prompt, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break. Text cells that a spreadsheet would read as a formula (= + - @, tab, CR) get a
 * leading single quote; numeric columns are written as plain decimals and left alone.
 */
import type { AuditReport, ReportPrompt } from '../types';
import { compareFindings, plainNumber, promptSavingsUSD } from './util';

export const CSV_COLUMNS = [
  'file', 'startLine', 'endLine', 'kind', 'format', 'name', 'model', 'tokens', 'exact', 'requestsPerDay', 'perRequestUSD',
  'monthlyUSD', 'findings', 'savingsMonthlyUSD',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** A cell: text (protected against formula injection) or a number (never prefixed). */
type Cell = { text: string } | { num: number; decimals?: number };

function cells(p: ReportPrompt): Record<Column, Cell> {
  return {
    file: { text: p.file },
    startLine: { num: p.startLine },
    endLine: { num: p.endLine },
    kind: { text: p.kind },
    format: { text: p.format },
    name: { text: p.name },
    model: { text: p.model },
    tokens: { num: p.tokens },
    exact: { text: p.exact ? 'true' : 'false' },
    requestsPerDay: { num: p.requestsPerDay },
    perRequestUSD: { num: p.perRequestUSD, decimals: 10 },
    monthlyUSD: { num: p.monthlyUSD, decimals: 6 },
    // the rule ids of the prompt's findings, one per finding, by savings
    findings: { text: [...p.findings].sort(compareFindings).map((f) => f.rule).join(';') },
    savingsMonthlyUSD: { num: promptSavingsUSD(p), decimals: 6 },
  };
}

/** Quotes a field when RFC 4180 needs it (comma, double quote, CR or LF), doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text that starts like a formula (= + - @, tab or CR) gets a leading `'` so spreadsheets show it as text. */
export function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(c: Cell): string {
  return 'text' in c ? csvField(defuse(String(c.text ?? ''))) : plainNumber(c.num, c.decimals ?? 8);
}

export function renderCsv(r: AuditReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of r.prompts) {
    const row = cells(p);
    lines.push(CSV_COLUMNS.map((c) => field(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
