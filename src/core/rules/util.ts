/** Helpers shared by the rules: prompt-text → document offsets, edits, findings. */
import { formatInt, formatUSD } from '../format/numbers';
import { findSlots } from '../slots/find';
import type { TemplateSlot } from '../slots/types';
import type { Finding, Rule, RuleContext, TextEdit } from './types';

export { formatInt, formatUSD };

export function slotsOf(ctx: RuleContext): TemplateSlot[] {
  return ctx.slots ?? findSlots(ctx.prompt.text, ctx.prompt.templateSyntax);
}

/** The prompt's [start, end) clamped to the document text. */
export function promptRange(ctx: RuleContext): [number, number] {
  const n = ctx.documentText.length;
  const s = Math.max(0, Math.min(n, ctx.prompt.startOffset | 0));
  const e = Math.max(s, Math.min(n, ctx.prompt.endOffset | 0));
  return [s, e];
}

/** The prompt's first line in the document text: where whole-prompt findings are shown. */
export function firstLineRange(ctx: RuleContext): [number, number] {
  const [s, e] = promptRange(ctx);
  const nl = ctx.documentText.indexOf('\n', s);
  return [s, nl < 0 || nl > e ? e : nl];
}

function occurrencesBefore(hay: string, needle: string, before: number): { k: number; total: number } {
  let k = 0;
  let total = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (i < before) k++;
    total++;
  }
  return { k, total };
}

function nth(hay: string, needle: string, k: number): number {
  let i = hay.indexOf(needle);
  for (let j = 0; j < k && i >= 0; j++) i = hay.indexOf(needle, i + 1);
  return i;
}

/**
 * Document offsets of [s, e) of `prompt.text`. Identity (plus the prompt's start) when the document holds the text
 * verbatim; otherwise (escapes decoded, dedent applied, concatenations joined) the segment must occur in the raw
 * literal exactly as often as in the text and the same-numbered occurrence is taken. Undefined when neither works.
 */
export function mapRange(ctx: RuleContext, s: number, e: number): [number, number] | undefined {
  const text = ctx.prompt.text;
  if (s < 0 || e < s || e > text.length) return undefined;
  const [ps, pe] = promptRange(ctx);
  const raw = ctx.documentText.slice(ps, pe);
  if (raw === text) return [ps + s, ps + e];
  const seg = text.slice(s, e);
  if (seg.length === 0) return undefined;
  const t = occurrencesBefore(text, seg, s);
  const r = occurrencesBefore(raw, seg, raw.length);
  if (t.total !== r.total) return undefined;
  const at = nth(raw, seg, t.k);
  return at < 0 ? undefined : [ps + at, ps + at + seg.length];
}

/** Where to show a finding about [s, e) of the prompt text: mapped, else the prompt's first line. */
export function locate(ctx: RuleContext, s: number, e: number): [number, number] {
  return mapRange(ctx, s, e) ?? firstLineRange(ctx);
}

export interface TextSpanEdit {
  start: number;
  end: number;
  newText: string;
}

/** True when sorted edits do not overlap (touching is fine; two insertions at one offset are not). */
export function nonOverlapping(edits: readonly { startOffset: number; endOffset: number }[]): boolean {
  const s = [...edits].sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  for (let i = 1; i < s.length; i++) {
    if (s[i].startOffset < s[i - 1].endOffset) return false;
    if (s[i].startOffset === s[i - 1].startOffset && s[i].startOffset === s[i].endOffset) return false;
  }
  return true;
}

/**
 * Document edits for edits of the prompt text; undefined unless every edit maps and none overlap. An edit that
 * inserts a backslash or a quote into a code literal is refused (it would change the literal's meaning).
 */
export function mapEdits(ctx: RuleContext, edits: readonly TextSpanEdit[]): TextEdit[] | undefined {
  if (edits.length === 0) return undefined;
  const out: TextEdit[] = [];
  for (const ed of edits) {
    if (ctx.prompt.kind === 'embedded' && /[\\"'`]/.test(ed.newText) && ed.newText !== ctx.prompt.text.slice(ed.start, ed.end)) {
      const removedChars = ctx.prompt.text.slice(ed.start, ed.end);
      // allowed only when the new text's quotes/backslashes all come from the replaced text
      const q = (x: string) => (x.match(/[\\"'`]/g) ?? []).sort().join('');
      if (q(ed.newText) !== q(removedChars)) return undefined;
    }
    const r = mapRange(ctx, ed.start, ed.end);
    if (!r) return undefined;
    out.push({ startOffset: r[0], endOffset: r[1], newText: ed.newText });
  }
  out.sort((a, b) => a.startOffset - b.startOffset);
  return nonOverlapping(out) ? out : undefined;
}

/** Applies non-overlapping edits to a text (offsets in that text). */
export function applyEdits(text: string, edits: readonly { startOffset: number; endOffset: number; newText: string }[]): string {
  const s = [...edits].sort((a, b) => b.startOffset - a.startOffset);
  let out = text;
  for (const e of s) out = out.slice(0, e.startOffset) + e.newText + out.slice(e.endOffset);
  return out;
}

/** Applies prompt-text edits to the prompt text. */
export function applyTextEdits(text: string, edits: readonly TextSpanEdit[]): string {
  return applyEdits(text, edits.map((e) => ({ startOffset: e.start, endOffset: e.end, newText: e.newText })));
}

/** Monthly USD of `tokens` input tokens per request. */
export function monthly(ctx: RuleContext, tokens: number): number {
  const v = tokens * ctx.monthlyUSDPerInputToken;
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** "~1,240 tokens/request ($12.40/month)" */
export function savingsText(ctx: RuleContext, tokens: number): string {
  const usd = monthly(ctx, tokens);
  return `~${formatInt(tokens)} tokens/request${usd > 0 ? ` (${formatUSD(usd)}/month)` : ''}`;
}

export function makeFinding(rule: Rule, f: Omit<Finding, 'rule' | 'severity' | 'fixes'> & { fixes?: Finding['fixes'] }): Finding {
  return {
    rule: rule.id, severity: rule.defaultSeverity, ...f, fixes: f.fixes ?? [],
    savingsTokens: Math.max(0, Math.round(f.savingsTokens)), savingsMonthlyUSD: Math.max(0, f.savingsMonthlyUSD),
  };
}

/** [start, end) of each line of `text` (end excludes the newline). */
export function lineSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (;;) {
    const nl = text.indexOf('\n', s);
    if (nl < 0) { out.push([s, text.length]); return out; }
    out.push([s, nl]);
    s = nl + 1;
  }
}
