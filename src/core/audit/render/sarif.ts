/**
 * The report as SARIF 2.1.0 for code-scanning uploads: one run, the rules as reportingDescriptors, one result per
 * finding located by a path relative to `%SRCROOT%`.
 */
import type { AuditReport, Severity } from '../types';
import { findingsBySavings, formatInt, formatUSD, rulesOf } from './util';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'Prompt Cost Lens';
/** Where the tool is documented; the lead replaces it once the project has a public home. */
export const TOOL_INFORMATION_URI = 'https://example.invalid/prompt-cost-lens';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifOptions {
  readonly informationUri?: string;
  /**
   * Base for rule help links. Unset: `helpUri` is the relative reference `docs/rules/<id>.md`. Set (e.g.
   * `https://github.com/o/r/blob/main/`): an absolute URI, which strict validators (`format: uri`) require.
   */
  readonly helpUriBase?: string;
}

export function sarifLevel(s: Severity | string): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A posix relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, `?`, non-ASCII). */
export function relativeUri(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

/** `file:///…/` for an absolute posix or Windows path (with a trailing slash, as a base must have); else undefined. */
export function fileUriOfDir(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  let prefix: string;
  let rest: string;
  if (/^[A-Za-z]:\//.test(p)) {
    prefix = `file:///${p.slice(0, 2)}`;
    rest = p.slice(2);
  } else if (p.startsWith('/')) {
    prefix = 'file://';
    rest = p;
  } else return undefined;
  const enc = rest.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  return prefix + (enc.endsWith('/') ? enc : enc + '/');
}

export function renderSarif(r: AuditReport, opts: SarifOptions = {}): string {
  const rules = rulesOf(r);
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const base = opts.helpUriBase;
  const help = (docs: string) => (base ? base.replace(/\/*$/, '/') + docs : docs);
  const srcRoot = fileUriOfDir(r.root);
  const results = findingsBySavings(r).map(({ prompt, finding: f }) => {
    const startLine = Math.max(1, Math.floor(f.startLine) || 1);
    const endLine = Math.max(startLine, Math.floor(f.endLine) || startLine);
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: sarifLevel(f.severity),
      message: { text: messageText(f.message, f.savingsTokens, f.savingsMonthlyUSD, prompt.name) },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: relativeUri(prompt.file), uriBaseId: 'SRCROOT' },
          region: { startLine, endLine },
        },
      }],
      properties: { savingsTokens: f.savingsTokens, savingsMonthlyUSD: f.savingsMonthlyUSD, prompt: prompt.name, promptMonthlyUSD: prompt.monthlyUSD },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: r.tool.version,
          informationUri: opts.informationUri ?? TOOL_INFORMATION_URI,
          rules: rules.map((x) => ({
            id: x.id,
            name: pascal(x.id),
            shortDescription: { text: x.title },
            fullDescription: { text: `${x.title}. See ${x.docs}.` },
            helpUri: help(x.docs),
            help: { text: `${x.title}. Documentation: ${x.docs}`, markdown: `${x.title}. See [${x.docs}](${help(x.docs)}).` },
            defaultConfiguration: { level: sarifLevel(x.defaultSeverity) },
          })),
        },
      },
      originalUriBaseIds: {
        SRCROOT: srcRoot ? { uri: srcRoot, description: { text: 'The audited folder' } } : { description: { text: 'The audited folder' } },
      },
      columnKind: 'utf16CodeUnits',
      results,
      properties: {
        model: r.model,
        pricesAsOf: r.pricesAsOf,
        monthlyUSD: r.totals.monthlyUSD,
        savingsMonthlyUSD: r.totals.savingsMonthlyUSD,
        prompts: r.totals.prompts,
      },
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** The finding's message with its savings (unless it already states them) and the prompt's name. */
export function messageText(message: string, tokens: number, usd: number, prompt: string): string {
  const money = formatUSD(usd);
  const saves = message.includes(money) ? '' : `saves ${formatInt(tokens)} tokens per request, ${money}/month; `;
  return `${message} (${saves}prompt "${prompt}")`;
}

/** `few-shot-bloat` → `FewShotBloat` (SARIF's `name`, a readable identifier). */
function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
