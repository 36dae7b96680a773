/** cache-unfriendly-order: dynamic content before a large static part defeats provider prefix caching. */
import { isRendered, staticText } from '../slots/find';
import type { Finding, Rule, RuleContext } from './types';
import { formatInt, formatUSD, locate, makeFinding, monthly, slotsOf } from './util';

export const cacheUnfriendlyOrder: Rule = {
  id: 'cache-unfriendly-order',
  title: 'Dynamic content before the static part breaks prompt caching',
  defaultSeverity: 'info',
  docs: 'docs/rules/cache-unfriendly-order.md',
  check(ctx: RuleContext): Finding[] {
    const cache = ctx.cache;
    if (!cache || !(cache.cachedInputDiscount > 0) || !(cache.minCacheableTokens > 0)) return [];
    const text = ctx.prompt.text;
    const slots = slotsOf(ctx);
    const first = slots.find(isRendered);
    if (!first) return [];
    const prefixTokens = ctx.count(staticText(text.slice(0, first.start), slots.filter((s) => s.end <= first.start)));
    if (prefixTokens >= cache.minCacheableTokens) return [];
    const allStatic = ctx.count(staticText(text, slots));
    const afterTokens = Math.max(0, allStatic - prefixTokens);
    if (afterTokens < cache.minCacheableTokens) return [];
    const discount = Math.min(1, cache.cachedInputDiscount);
    const cacheable = prefixTokens + afterTokens;
    const saved = cacheable * discount;
    const usd = monthly(ctx, cacheable) * discount;
    const [s, e] = locate(ctx, first.start, first.end);
    const label = text.slice(first.start, first.end).replace(/\s+/g, ' ').slice(0, 40);
    return [makeFinding(cacheUnfriendlyOrder, {
      message:
        `'${label}' changes per request and comes before ${formatInt(afterTokens)} static tokens, so provider prompt caching ` +
        `(exact prefixes of ${formatInt(cache.minCacheableTokens)}+ tokens) cannot reuse them. Put the static instructions first and ` +
        `the variable parts last (or in the user message): ${formatInt(cacheable)} cacheable tokens at ${Math.round(discount * 100)} % off` +
        (usd > 0 ? ` save ${formatUSD(usd)}/month` : '') + '.',
      startOffset: s, endOffset: e, savingsTokens: saved, savingsMonthlyUSD: usd,
    })];
  },
};
