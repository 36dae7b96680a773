/** Inline `prompt-cost: …` annotations: variable sizes, output, traffic and model written next to a prompt. */
import type { InlineAnnotation } from './types';

/** Lines above the prompt searched for an annotation. */
export const INLINE_LINES_ABOVE = 3;

const OPENERS: readonly { re: RegExp; close?: string }[] = [
  { re: /<!--\s*$/, close: '-->' },
  { re: /\{#[-+]?\s*$/, close: '#}' },
  { re: /\/\*+\s*$/, close: '*/' },
  { re: /^\s*\*+\s*$/, close: '*/' }, // a line inside a /* … */ block
  { re: /\/\/+\s*$/ },
  { re: /#+\s*$/ },
  { re: /--\s*$/ },
];

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
}
function lineEnd(text: string, at: number): number {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e;
}

/** `1500`, `1,500`, `1_500`, `1.5k`, `2M` → number; undefined when not a number ≥ 0. */
export function parseAmount(v: string): number | undefined {
  const m = /^(\d+(?:[,_]\d{3})*(?:\.\d+)?)([km])?$/i.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1].replace(/[,_]/g, '')) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1);
  return Number.isFinite(n) ? n : undefined;
}

interface Parsed { start: number; end: number; pairs: [string, string][] }

function parseOne(doc: string, at: number, markerEnd: number): Parsed | undefined {
  const ls = lineStart(doc, at);
  const prefix = doc.slice(ls, at);
  const opener = OPENERS.find((o) => o.re.test(prefix));
  if (!opener) return undefined;
  const start = ls + (opener.re.exec(prefix)?.index ?? 0);
  const le = lineEnd(doc, markerEnd);
  let bodyEnd = le;
  let end = le;
  if (opener.close) {
    const c = doc.indexOf(opener.close, markerEnd);
    if (c >= 0 && c <= le) { bodyEnd = c; end = c + opener.close.length; }
  }
  let body = doc.slice(markerEnd, bodyEnd);
  if (opener.close === '#}') body = body.replace(/[-+]\s*$/, '');
  const pairs: [string, string][] = [];
  for (const m of body.matchAll(/([A-Za-z_][\w./-]*)\s*=\s*("[^"]*"|'[^']*'|\d{1,3}(?:,\d{3})+(?:\.\d+)?[kKmM]?(?![\d])|[^\s,;]+)/g)) pairs.push([m[1], m[2].replace(/^["']|["']$/g, '')]);
  return { start, end, pairs };
}

/**
 * The `prompt-cost:` annotation of the prompt at [promptStartOffset, promptEndOffset) in `documentText`: a comment
 * (`#`, `//`, `/* … *\/`, `<!-- … -->`, `{# … #}`, `--`) within INLINE_LINES_ABOVE lines above the prompt, inside
 * it, or at the end of its last line, e.g. `# prompt-cost: context=1500 output=300 requests/day=20000 model=gpt-4o-mini`.
 * Keys: `model`; `output` (`output_tokens`, `out`); `requests/day` (`rpd`, `requests_per_day`; `requests/hour` ×24,
 * `requests/minute` ×1440); `loop` (loop factor); `ignore=<rule-id>` (repeatable, or `ignore=all`: rules not run for this
 * prompt); any other key is a variable's tokens (`1.5k`, `1,500` accepted).
 * Several annotations merge in document order (later keys win); `range` is the one nearest the prompt start.
 */
export function parseInlineAnnotation(documentText: string, promptStartOffset: number, promptEndOffset: number): InlineAnnotation | undefined {
  const n = documentText.length;
  const ps = Math.max(0, Math.min(n, promptStartOffset));
  const pe = Math.max(ps, Math.min(n, promptEndOffset));
  let from = lineStart(documentText, ps);
  for (let k = 0; k < INLINE_LINES_ABOVE && from > 0; k++) from = lineStart(documentText, from - 1);
  const to = lineEnd(documentText, pe);
  const region = documentText.slice(from, to);
  const found: Parsed[] = [];
  for (const m of region.matchAll(/prompt-cost\s*:/gi)) {
    const p = parseOne(documentText, from + m.index, from + m.index + m[0].length);
    if (p) found.push(p);
  }
  if (found.length === 0) return undefined;
  const variables: Record<string, number> = {};
  const invalid: string[] = [];
  let outputTokens: number | undefined;
  let requestsPerDay: number | undefined;
  let model: string | undefined;
  let loopFactor: number | undefined;
  const ignore: string[] = [];
  for (const p of found) {
    for (const [rawKey, value] of p.pairs) {
      const key = rawKey.toLowerCase().replace(/[-_\s]/g, '');
      if (key === 'model') { model = value; continue; }
      if (key === 'ignore') { if (!ignore.includes(value)) ignore.push(value); continue; }
      const num = parseAmount(value);
      if (num === undefined) { invalid.push(`${rawKey}=${value}`); continue; }
      if (['output', 'outputtokens', 'out', 'maxtokens', 'maxoutputtokens'].includes(key)) outputTokens = Math.round(num);
      else if (['requests/day', 'requestsperday', 'rpd', 'req/day', 'requests', 'calls/day', 'callsperday'].includes(key)) requestsPerDay = num;
      else if (['requests/hour', 'requestsperhour', 'rph', 'req/hour'].includes(key)) requestsPerDay = num * 24;
      else if (['requests/minute', 'requests/min', 'requestsperminute', 'rpm', 'req/min'].includes(key)) requestsPerDay = num * 1440;
      else if (key === 'loop' || key === 'loopfactor') loopFactor = num;
      else variables[rawKey] = Math.round(num);
    }
  }
  const above = found.filter((p) => p.start < ps);
  const nearest = above.length ? above[above.length - 1] : found[0];
  return {
    variables, invalid, range: { startOffset: nearest.start, endOffset: nearest.end },
    ...(outputTokens !== undefined ? { outputTokens } : {}), ...(requestsPerDay !== undefined ? { requestsPerDay } : {}),
    ...(model !== undefined ? { model } : {}), ...(loopFactor !== undefined ? { loopFactor } : {}),
    ...(ignore.length ? { ignore } : {}),
  };
}
