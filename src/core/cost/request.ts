import type { ModelPrices, Rate } from '../pricing/types';

/** Tokens of one request. `input` is the whole prompt, cached parts included. */
export interface RequestTokens {
  readonly input: number;
  readonly output: number;
  /** Part of `input` read from the provider's prompt cache. */
  readonly cachedInput?: number;
  /** Part of `input` written to the prompt cache on this request. */
  readonly cacheWrite?: number;
}

export interface RequestCost {
  /** Uncached input. */
  readonly inputUSD: number;
  readonly cachedInputUSD: number;
  readonly cacheWriteUSD: number;
  readonly outputUSD: number;
  /** Fixed per-request fee of the model, if it has one. */
  readonly requestFeeUSD: number;
  readonly totalUSD: number;
}

/** USD per 1M tokens of `rate` for a request whose total input is `totalInput` (tiers reprice the whole request above their start). */
export function rateAt(rate: Rate, totalInput: number): number {
  if (typeof rate === 'number') return rate;
  let r = rate.base;
  for (const t of rate.tiers) if (totalInput > t.startTokens) r = t.rate;
  return r;
}

export class TokenCountError extends Error {}

function checkCount(name: string, v: number | undefined): number {
  const n = v ?? 0;
  if (!Number.isFinite(n) || n < 0) throw new TokenCountError(`${name} must be a finite number >= 0, got ${v}`);
  return n;
}

/** Price of one request. Cached reads fall back to the input rate when the model has no cache price; so do writes. */
export function requestCost(prices: ModelPrices, tokens: RequestTokens, opts: { batch?: boolean } = {}): RequestCost {
  const input = checkCount('input tokens', tokens.input);
  const output = checkCount('output tokens', tokens.output);
  const cached = checkCount('cached input tokens', tokens.cachedInput);
  const written = checkCount('cache-write tokens', tokens.cacheWrite);
  if (cached + written > input) {
    throw new TokenCountError(`cached (${cached}) plus cache-write (${written}) tokens cannot exceed input tokens (${input})`);
  }
  const m = opts.batch ? (prices.batchMultiplier ?? 1) : 1;
  const inRate = rateAt(prices.input, input);
  const uncached = input - cached - written;
  const inputUSD = (uncached * inRate * m) / 1e6;
  const cachedInputUSD = (cached * rateAt(prices.cachedInput ?? prices.input, input) * m) / 1e6;
  const cacheWriteUSD = (written * rateAt(prices.cacheWrite ?? prices.input, input) * m) / 1e6;
  const outputUSD = (output * rateAt(prices.output, input) * m) / 1e6;
  const requestFeeUSD = prices.requestFeeUSD ?? 0; // batch discounts apply to tokens only
  return { inputUSD, cachedInputUSD, cacheWriteUSD, outputUSD, requestFeeUSD, totalUSD: inputUSD + cachedInputUSD + cacheWriteUSD + outputUSD + requestFeeUSD };
}
