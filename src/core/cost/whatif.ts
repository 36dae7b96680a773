import type { ModelPrices } from '../pricing/types';
import { requestCost } from './request';

/** A workload: one prompt shape at a traffic. */
export interface Workload {
  readonly prices: ModelPrices;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Part of the input already read from the provider cache today. */
  readonly cachedInputTokens?: number;
  readonly requestsPerDay: number;
  readonly daysPerMonth?: number;
}

export interface WhatIf {
  readonly lever: string;
  readonly beforeMonthlyUSD: number;
  readonly afterMonthlyUSD: number;
  /** before - after (negative when the change costs more). */
  readonly savingUSD: number;
  /** False when the lever cannot apply to this workload; `reason` says why and after equals before. */
  readonly applies: boolean;
  readonly reason?: string;
}

const clampPct = (p: number, name: string): number => {
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`${name} must be between 0 and 100, got ${p}`);
  return p / 100;
};

function requestsPerMonth(w: Workload): number {
  return w.requestsPerDay * (w.daysPerMonth ?? 30);
}

/** Monthly inference cost of a workload as it is. */
export function workloadMonthlyUSD(w: Workload, opts: { batch?: boolean } = {}): number {
  const c = requestCost(w.prices, { input: w.inputTokens, output: w.outputTokens, cachedInput: w.cachedInputTokens }, opts);
  return c.totalUSD * requestsPerMonth(w);
}

function result(lever: string, before: number, after: number, reason?: string): WhatIf {
  return { lever, beforeMonthlyUSD: before, afterMonthlyUSD: after, savingUSD: before - after, applies: reason === undefined, reason };
}

/** Route `sharePct` % of the traffic to another model (optionally with its own token counts: other tokenizers count differently). */
export function routeTraffic(w: Workload, target: ModelPrices, sharePct: number, targetTokens?: { input?: number; output?: number }): WhatIf {
  const s = clampPct(sharePct, 'routing share');
  const before = workloadMonthlyUSD(w);
  const routed = workloadMonthlyUSD({
    ...w, prices: target, inputTokens: targetTokens?.input ?? w.inputTokens, outputTokens: targetTokens?.output ?? w.outputTokens, cachedInputTokens: 0,
  });
  return result('routing', before, before * (1 - s) + routed * s);
}

/**
 * Response caching: `hitRatePct` % of requests are answered from your own cache and never reach the model.
 * Semantic caching embeds every request to look it up: `lookupUSDPerRequest` (embedding tokens x embedding price) is paid on all requests.
 */
export function responseCache(w: Workload, hitRatePct: number, opts: { mode: 'exact' | 'semantic'; lookupUSDPerRequest?: number }): WhatIf {
  const h = clampPct(hitRatePct, 'cache hit rate');
  const lookup = opts.lookupUSDPerRequest ?? 0;
  if (!Number.isFinite(lookup) || lookup < 0) throw new RangeError(`lookup cost must be >= 0, got ${lookup}`);
  const before = workloadMonthlyUSD(w);
  const lookups = opts.mode === 'semantic' ? lookup * requestsPerMonth(w) : 0;
  return result(`response cache (${opts.mode})`, before, before * (1 - h) + lookups);
}

/**
 * Provider prompt caching of a static prefix: on a hit the prefix is read at the cached rate; on a miss it is written
 * (at the cache-write rate when the model has one, else the input rate). Does not apply below the minimum cacheable length
 * or when the model has no cached-input price.
 */
export function promptCaching(w: Workload, opts: { staticPrefixTokens: number; hitRatePct: number; minCacheableTokens: number; writeRate?: 'default' | '1h' }): WhatIf {
  const h = clampPct(opts.hitRatePct, 'prompt-cache hit rate');
  const before = workloadMonthlyUSD(w);
  const prefix = Math.min(opts.staticPrefixTokens, w.inputTokens);
  if (w.prices.cachedInput === undefined) return result('prompt caching', before, before, 'this model has no cached-input price');
  if (prefix < opts.minCacheableTokens) {
    return result('prompt caching', before, before, `the static prefix (${prefix} tokens) is shorter than the minimum cacheable length (${opts.minCacheableTokens})`);
  }
  const writePrices: ModelPrices = opts.writeRate === '1h' && w.prices.cacheWrite1h !== undefined ? { ...w.prices, cacheWrite: w.prices.cacheWrite1h } : w.prices;
  const n = requestsPerMonth(w);
  const hit = requestCost(w.prices, { input: w.inputTokens, output: w.outputTokens, cachedInput: prefix }).totalUSD;
  const miss = requestCost(writePrices, { input: w.inputTokens, output: w.outputTokens, cacheWrite: writePrices.cacheWrite === undefined ? 0 : prefix }).totalUSD;
  return result('prompt caching', before, n * (h * hit + (1 - h) * miss));
}

/** Send `sharePct` % of the traffic through the batch API. */
export function batchShare(w: Workload, sharePct: number): WhatIf {
  const s = clampPct(sharePct, 'batch share');
  const before = workloadMonthlyUSD(w);
  if (w.prices.batchMultiplier === undefined) return result('batch', before, before, 'no batch price is known for this model');
  return result('batch', before, before * (1 - s) + workloadMonthlyUSD(w, { batch: true }) * s);
}

/** Remove `tokens` input tokens from every request. */
export function trimInput(w: Workload, tokens: number): WhatIf {
  if (!Number.isFinite(tokens) || tokens < 0) throw new RangeError(`tokens to trim must be >= 0, got ${tokens}`);
  const before = workloadMonthlyUSD(w);
  const input = Math.max(0, w.inputTokens - tokens);
  const cached = Math.min(w.cachedInputTokens ?? 0, input);
  return result('trimming', before, workloadMonthlyUSD({ ...w, inputTokens: input, cachedInputTokens: cached }));
}

export interface SelfHostResult extends WhatIf {
  readonly selfHostMonthlyUSD: number;
  /** Requests per day at which the API costs as much as the GPUs (Infinity when a request costs nothing). */
  readonly breakEvenRequestsPerDay: number;
}

/** Self-hosting: GPUs at `gpuHourlyUSD` x `gpuCount` x `hoursPerMonth` (720 by default) against the API's monthly cost. */
export function selfHostBreakEven(w: Workload, opts: { gpuHourlyUSD: number; gpuCount: number; hoursPerMonth?: number }): SelfHostResult {
  const hours = opts.hoursPerMonth ?? 720;
  for (const [k, v] of [['GPU $/hour', opts.gpuHourlyUSD], ['GPU count', opts.gpuCount], ['hours per month', hours]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${k} must be >= 0, got ${v}`);
  }
  const before = workloadMonthlyUSD(w);
  const selfHostMonthlyUSD = opts.gpuHourlyUSD * opts.gpuCount * hours;
  const perRequest = requestsPerMonth(w) > 0 ? before / requestsPerMonth(w) : requestCost(w.prices, { input: w.inputTokens, output: w.outputTokens }).totalUSD;
  const breakEvenRequestsPerDay = perRequest > 0 ? selfHostMonthlyUSD / (perRequest * (w.daysPerMonth ?? 30)) : Infinity;
  return { ...result('self-hosting', before, selfHostMonthlyUSD), selfHostMonthlyUSD, breakEvenRequestsPerDay };
}
