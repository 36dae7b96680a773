/** Renderers of the audit report: json, md (PR comment), html (one self-contained page), csv, sarif (code scanning). */
import type { AuditReport } from '../types';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';

export { renderCsv, CSV_COLUMNS } from './csv';
export { renderHtml } from './html';
export { renderJson } from './json';
export { renderMarkdown, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from './markdown';
export { renderSarif, type SarifOptions } from './sarif';

export const REPORT_FORMATS = ['json', 'md', 'html', 'csv', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File extension of each format (`report.<ext>`). */
export const REPORT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { json: 'json', md: 'md', html: 'html', csv: 'csv', sarif: 'sarif' };

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export function renderReport(r: AuditReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return renderJson(r);
    case 'md':
      return renderMarkdown(r);
    case 'html':
      return renderHtml(r);
    case 'csv':
      return renderCsv(r);
    case 'sarif':
      return renderSarif(r);
    default:
      throw new Error(`unknown report format: ${String(format)} (expected ${REPORT_FORMATS.join(', ')})`);
  }
}
