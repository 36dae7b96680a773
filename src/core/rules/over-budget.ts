/** over-budget: a prompt above the token or monthly-cost budget of the settings. */
import type { Finding, Rule, RuleContext } from './types';
import { firstLineRange, formatInt, formatUSD, makeFinding, monthly } from './util';

export const overBudget: Rule = {
  id: 'over-budget',
  title: 'Prompt above its token or cost budget',
  defaultSeverity: 'warning',
  docs: 'docs/rules/over-budget.md',
  check(ctx: RuleContext): Finding[] {
    const b = ctx.settings.budgets ?? {};
    const out: Finding[] = [];
    const [s, e] = firstLineRange(ctx);
    const maxT = b.maxTokensPerPrompt;
    if (maxT !== undefined && ctx.promptTokens > maxT) {
      const excess = ctx.promptTokens - maxT;
      out.push(makeFinding(overBudget, {
        message: `${formatInt(ctx.promptTokens)} input tokens per request (variables included) is over the budget of ${formatInt(maxT)} by ${formatInt(excess)}.`,
        startOffset: s, endOffset: e, savingsTokens: excess, savingsMonthlyUSD: monthly(ctx, excess),
      }));
    }
    const maxUSD = b.maxMonthlyUSDPerPrompt;
    if (maxUSD !== undefined && ctx.monthlyUSD > maxUSD) {
      const excessUSD = ctx.monthlyUSD - maxUSD;
      const per = ctx.monthlyUSDPerInputToken;
      const tokens = per > 0 ? Math.min(ctx.promptTokens, Math.ceil(excessUSD / per)) : 0;
      out.push(makeFinding(overBudget, {
        message:
          `${formatUSD(ctx.monthlyUSD)}/month is over the budget of ${formatUSD(maxUSD)} by ${formatUSD(excessUSD)}` +
          (tokens > 0 ? ` (≈ ${formatInt(tokens)} input tokens per request to cut, or a cheaper model)` : '') + '.',
        startOffset: s, endOffset: e, savingsTokens: tokens, savingsMonthlyUSD: excessUSD,
      }));
    }
    return out;
  },
};
