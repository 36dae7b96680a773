// Shared by the render*.test.ts files: the sample report, an empty report, a big report, tiny CSV and GFM parsers.
import type { AuditReport, ReportPrompt } from '../../src/core/audit/types';
import sampleJson from './fixtures/report-sample.json';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

export function sample(): Mutable<AuditReport> {
  return structuredClone(sampleJson) as unknown as Mutable<AuditReport>;
}

export function emptyReport(): Mutable<AuditReport> {
  const r = sample();
  r.prompts = [];
  r.skipped = [];
  delete r.budget;
  r.totals = { prompts: 0, files: 0, filesScanned: 37, tokens: 0, perRequestUSD: 0, monthlyUSD: 0, findings: 0, savingsMonthlyUSD: 0 };
  return r;
}

/** `n` prompts cloned from the sample, with long names and messages holding pipes and newlines. */
export function bigReport(n: number): Mutable<AuditReport> {
  const r = sample();
  const base = r.prompts;
  r.prompts = Array.from({ length: n }, (_, i) => {
    const p = structuredClone(base[i % base.length]!) as Mutable<ReportPrompt>;
    p.name = `prompt ${i} | ${'x'.repeat(150)}\nsecond line`;
    p.file = `src/generated/module_${i}/prompts_${'y'.repeat(40)}.py`;
    p.monthlyUSD = (i % 97) + 1;
    for (const f of p.findings) f.message = `${f.message} ${'lorem ipsum | dolor\n'.repeat(20)}`;
    return p;
  });
  r.skipped = Array.from({ length: 500 }, (_, i) => ({ file: `vendor/blob_${i}.bin`, reason: 'binary file' }));
  r.totals = { ...r.totals, prompts: n, findings: r.prompts.reduce((s, p) => s + p.findings.length, 0) };
  return r;
}

/** RFC 4180 parser: CRLF or LF records, quoted fields with doubled quotes and embedded line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Cells of a GFM table row, split as GitHub does: on pipes not escaped by a backslash (`\\` is an escape too). */
export function gfmCells(line: string): string[] {
  const s = line.trim();
  if (!s.startsWith('|') || !s.endsWith('|')) throw new Error(`not a table row: ${line}`);
  const out: string[] = [];
  let cur = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length - 1) (cur += c + s[i + 1]), i++;
    else if (c === '|') out.push(cur.trim()), (cur = '');
    else cur += c;
  }
  return out;
}

/** The tables of a Markdown text: runs of lines starting with `|`. */
export function gfmTables(md: string): string[][] {
  const tables: string[][] = [];
  let cur: string[] | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) tables.push(cur), (cur = undefined);
  }
  if (cur) tables.push(cur);
  return tables;
}
