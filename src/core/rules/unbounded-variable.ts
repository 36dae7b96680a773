/** unbounded-variable: chat history or retrieved context interpolated with no visible bound. */
import { categoryOf } from '../slots/defaults';
import type { Finding, Rule, RuleContext } from './types';
import { formatInt, locate, makeFinding, monthly, savingsText } from './util';

/**
 * The capped size the saving is measured against, per render: 6 turns × 150 tokens of history, 3 chunks × 300
 * tokens of retrieved context. Assumption: a typical fill (the variable's estimate) shrinks to the cap once a
 * bound is in place; an unbounded history also grows with every turn, so the real saving is usually larger.
 */
export const BOUNDED_CAPS: Readonly<Record<string, { tokens: number; advice: string }>> = {
  conversation: { tokens: 900, advice: 'keep the last N turns (e.g. 6) or a running summary' },
  retrieval: { tokens: 900, advice: 'pass the top-k chunks (e.g. 3) or truncate to a token budget' },
};

export const unboundedVariable: Rule = {
  id: 'unbounded-variable',
  title: 'History or retrieved context without a visible bound',
  defaultSeverity: 'warning',
  docs: 'docs/rules/unbounded-variable.md',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const v of ctx.variables) {
      const cat = v.category ?? categoryOf(v.name)?.id;
      const cap = cat ? BOUNDED_CAPS[cat] : undefined;
      if (!cap || v.bounded) continue;
      const open = v.slots.filter((s) => !s.bounded && !s.scalar);
      if (open.length === 0) continue;
      const per = Math.max(0, v.tokensPerRender - cap.tokens);
      const renders = v.occurrences > 0 ? v.estimatedTokens / Math.max(1, v.tokensPerRender) : 0;
      const saved = Math.round(per * renders * (open.length / Math.max(1, v.slots.length)));
      const [s, e] = locate(ctx, open[0].start, open[0].end);
      out.push(makeFinding(unboundedVariable, {
        message:
          `'${v.name}' is sent whole with no visible bound (estimated ${formatInt(v.estimatedTokens)} tokens, ${v.source}); it grows with the ` +
          `${cat === 'conversation' ? 'conversation' : 'corpus'}. Cap it: ${cap.advice}` +
          (saved > 0 ? ` — capping at ~${formatInt(cap.tokens)} tokens saves ${savingsText(ctx, saved)}.` : '.'),
        startOffset: s, endOffset: e, savingsTokens: saved, savingsMonthlyUSD: monthly(ctx, saved),
      }));
    }
    return out;
  },
};
