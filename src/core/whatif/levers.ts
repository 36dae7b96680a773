import * as z from 'zod/mini';

/**
 * The levers of a what-if scenario and the order they are combined in. Each lever works on what the levers before it
 * left: trimming shrinks every request; routing splits the traffic between two models; provider prompt caching then
 * prices each model's static prefix at its own cached rates; the response cache removes a share of the requests that
 * remain; batch moves a share of what still reaches a model to the batch price. Self-hosting is not a step: it is
 * compared with the combined API cost.
 */
export const LEVER_ORDER = ['trim', 'routing', 'promptCache', 'responseCache', 'batch'] as const;
export type ChainLeverId = (typeof LEVER_ORDER)[number];
export type LeverId = ChainLeverId | 'selfHost';

export const LEVER_TITLES: Readonly<Record<LeverId, string>> = {
  trim: 'Trim waste',
  routing: 'Route to a cheaper model',
  promptCache: 'Provider prompt caching',
  responseCache: 'Response cache',
  batch: 'Batch API',
  selfHost: 'Self-hosting',
};

const pct = z.number().check(z.minimum(0), z.maximum(100));
const usd = z.number().check(z.minimum(0), z.maximum(1e9));

/**
 * Every lever's setting; `on` puts the lever into the combined scenario. Validated wherever it comes from outside.
 * zod/mini: this schema is also in the webview bundle, where classic zod would weigh ~0.5 MB.
 */
export const leverSettingsSchema = z.strictObject({
  trim: z.strictObject({ on: z.boolean() }),
  routing: z.strictObject({ on: z.boolean(), target: z.string().check(z.maxLength(300)), sharePct: pct }),
  promptCache: z.strictObject({ on: z.boolean(), hitRatePct: pct, ttl: z.enum(['5m', '1h']) }),
  responseCache: z.strictObject({ on: z.boolean(), hitRatePct: pct, mode: z.enum(['exact', 'semantic']), lookupUSDPerRequest: usd }),
  batch: z.strictObject({ on: z.boolean(), sharePct: pct }),
  selfHost: z.strictObject({ on: z.boolean(), gpuHourlyUSD: usd, gpuCount: z.int().check(z.minimum(0), z.maximum(100_000)), utilizationPct: pct }),
});

export type LeverSettings = z.infer<typeof leverSettingsSchema>;

/**
 * Starting values: every lever off, each set to a plausible value so its own before/after shows at once.
 * Semantic lookup: ~1,000 embedding tokens at $0.02 per 1M (a small embedding model) = $0.00002 per request.
 */
export const DEFAULT_LEVERS: LeverSettings = {
  trim: { on: false },
  routing: { on: false, target: '', sharePct: 50 },
  promptCache: { on: false, hitRatePct: 80, ttl: '5m' },
  responseCache: { on: false, hitRatePct: 20, mode: 'exact', lookupUSDPerRequest: 0.00002 },
  batch: { on: false, sharePct: 30 },
  selfHost: { on: false, gpuHourlyUSD: 2, gpuCount: 1, utilizationPct: 100 },
};

/** Hours in the month the self-hosting lever prices: 720 (30 x 24) at 100 % utilisation. */
export const HOURS_PER_MONTH = 720;
