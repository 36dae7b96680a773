/** few-shot-bloat: too many examples, examples taking too much of the prompt, near-duplicate examples. */
import { exampleWords, findExamples, jaccard, type ExampleBlock } from './examples';
import type { Finding, Fix, Rule, RuleContext } from './types';
import { applyTextEdits, formatInt, locate, makeFinding, mapEdits, monthly, savingsText, slotsOf, type TextSpanEdit } from './util';

/** More examples than this is "too many". */
export const MAX_EXAMPLES = 5;
/** Examples kept when trimming. */
export const KEEP_EXAMPLES = 3;
/** Examples above this share of the prompt's input tokens are "too large" … */
export const MAX_EXAMPLE_SHARE = 0.4;
/** … when they also weigh at least this many tokens (a tiny prompt with two short examples is fine). */
export const MIN_EXAMPLE_TOKENS_FOR_SHARE = 300;
/** Word-set Jaccard similarity above which two examples are near-duplicates. */
export const DUPLICATE_SIMILARITY = 0.8;

/** Order of examples by diversity: the first example, then repeatedly the one least similar to those chosen (cheaper first on ties). */
export function diversityOrder(idx: number[], sim: (a: number, b: number) => number, tokens: number[]): number[] {
  if (idx.length === 0) return [];
  const chosen = [idx[0]];
  const left = new Set(idx.slice(1));
  while (left.size) {
    let best = -1;
    let bestScore = Infinity;
    for (const i of left) {
      const score = Math.max(...chosen.map((c) => sim(i, c)));
      if (score < bestScore - 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && tokens[i] < tokens[best])) { best = i; bestScore = score; }
    }
    chosen.push(best);
    left.delete(best);
  }
  return chosen;
}

const deletions = (exs: ExampleBlock[], which: number[]): TextSpanEdit[] =>
  [...which].sort((a, b) => a - b).map((i) => ({ start: exs[i].start, end: exs[i].end, newText: '' }));

export const fewShotBloat: Rule = {
  id: 'few-shot-bloat',
  title: 'Few-shot examples cost more than they add',
  defaultSeverity: 'warning',
  docs: 'docs/rules/few-shot-bloat.md',
  check(ctx: RuleContext): Finding[] {
    const text = ctx.prompt.text;
    const group = findExamples(text, slotsOf(ctx));
    if (!group || group.examples.length < 2) return [];
    const exs = group.examples;
    const n = exs.length;
    const tokens = exs.map((e) => ctx.count(e.text));
    const exTokens = tokens.reduce((a, b) => a + b, 0);
    const whole = ctx.promptTokens > 0 ? ctx.promptTokens : ctx.count(text);
    const share = exTokens / Math.max(whole, exTokens, 1);
    const words = exs.map((e) => exampleWords(e.text));
    const simCache = new Map<string, number>();
    const sim = (a: number, b: number) => {
      const k = a < b ? `${a},${b}` : `${b},${a}`;
      let v = simCache.get(k);
      if (v === undefined) simCache.set(k, (v = jaccard(words[a], words[b])));
      return v;
    };
    const dupOf = new Map<number, number>();
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) if (!dupOf.has(j) && sim(i, j) > DUPLICATE_SIMILARITY) { dupOf.set(i, j); break; }
    }
    const remaining = exs.map((_, i) => i).filter((i) => !dupOf.has(i));
    const tooMany = n > MAX_EXAMPLES;
    const tooBig = share > MAX_EXAMPLE_SHARE && exTokens >= MIN_EXAMPLE_TOKENS_FOR_SHARE;
    let keep = remaining;
    if (tooMany || tooBig) {
      const order = diversityOrder(remaining, sim, tokens);
      let k = Math.min(KEEP_EXAMPLES, order.length);
      const sum = (ids: number[]) => ids.reduce((a, i) => a + tokens[i], 0);
      while (tooBig && k > 1 && sum(order.slice(0, k)) / Math.max(1, whole - (exTokens - sum(order.slice(0, k)))) > MAX_EXAMPLE_SHARE) k--;
      keep = order.slice(0, k).sort((a, b) => a - b);
    }
    const removed = exs.map((_, i) => i).filter((i) => !keep.includes(i));
    if (removed.length === 0) return [];

    const saved = Math.max(0, ctx.count(text) - ctx.count(applyTextEdits(text, deletions(exs, removed))));
    const fixes: Fix[] = [];
    const dups = [...dupOf.keys()];
    if (dups.length) {
      const edits = mapEdits(ctx, deletions(exs, dups));
      if (edits) fixes.push({ title: `Remove ${dups.length} near-duplicate example${dups.length > 1 ? 's' : ''} (${dups.map((i) => `#${i + 1}`).join(', ')})`, edits });
    }
    if (removed.length > dups.length) {
      const edits = mapEdits(ctx, deletions(exs, removed));
      if (edits) fixes.push({ title: `Keep the ${keep.length} most diverse example${keep.length > 1 ? 's' : ''} (${keep.map((i) => `#${i + 1}`).join(', ')}), remove ${removed.length}`, edits });
    }
    const parts = [`${n} few-shot examples take ${formatInt(exTokens)} tokens (${Math.round(share * 100)} % of the prompt)`];
    if (dups.length) parts.push(`${dups.length} ${dups.length > 1 ? 'are near-duplicates' : 'is a near-duplicate'} (${dups.map((i) => `#${i + 1} ≈ #${dupOf.get(i)! + 1}`).join(', ')})`);
    const advice = removed.length > dups.length
      ? `Keep the ${keep.length} most diverse (${keep.map((i) => `#${i + 1}`).join(', ')}) or select examples per request (dynamic few-shot / retrieval)`
      : 'Remove the duplicates';
    const [s, e] = locate(ctx, exs[0].start, exs[n - 1].contentEnd);
    return [makeFinding(fewShotBloat, {
      message: `${parts.join('; ')}. ${advice}: saves ${savingsText(ctx, saved)}.`,
      startOffset: s, endOffset: e, savingsTokens: saved, savingsMonthlyUSD: monthly(ctx, saved), fixes,
    })];
  },
};
