/** A price per million tokens, optionally tiered by the request's total input tokens (long-context tiers). */
export interface TieredRate {
  readonly base: number;
  /** Sorted by `startTokens`. When a request's input reaches `startTokens`, every token of the request is billed at `rate`. */
  readonly tiers: readonly { readonly startTokens: number; readonly rate: number }[];
}
export type Rate = number | TieredRate;

/** USD per 1M tokens. */
export interface ModelPrices {
  readonly input: Rate;
  readonly output: Rate;
  /** Reading a cached prefix. Undefined: the provider has no discount for it (billed as input). */
  readonly cachedInput?: Rate;
  /** Writing the prompt cache (5-minute TTL where the vendor has two). Undefined: no write premium. */
  readonly cacheWrite?: Rate;
  /** Writing a 1-hour cache (Anthropic). */
  readonly cacheWrite1h?: Rate;
  /** A fixed fee per request in USD (some hosts, e.g. search-grounded models), on top of tokens. */
  readonly requestFeeUSD?: number;
  /** Batch API price as a fraction of the standard price (0.5 = half). Undefined: no batch price known. */
  readonly batchMultiplier?: number;
}

export type PriceSource = 'genai-prices' | 'custom' | 'override';

export interface CatalogModel {
  /** The model id as the catalog knows it, e.g. `gpt-4o`, `openai/gpt-4o` on OpenRouter. */
  readonly id: string;
  readonly name?: string;
  /** Provider id that sells it, e.g. `openai`, `anthropic`, `openrouter`, `azure`. */
  readonly provider: string;
  readonly providerName: string;
  readonly prices: ModelPrices;
  /** Date (YYYY-MM-DD) from which these prices apply, when the catalog dates them. */
  readonly priceDate?: string;
  readonly contextWindow?: number;
  readonly deprecated?: boolean;
  readonly source: PriceSource;
}

/** A custom model or a price override, as written in settings or `.promptcost.json` (USD per 1M tokens). */
export interface CustomPriceSpec {
  readonly input?: number;
  readonly output?: number;
  readonly cachedInput?: number;
  readonly cacheWrite?: number;
  readonly batchDiscountPct?: number;
  /** Which public tokenizer the model's tokens resemble (`openai` counts exact only for OpenAI models). */
  readonly provider?: string;
}

export class UnknownModelError extends Error {
  constructor(
    readonly modelId: string,
    readonly suggestions: readonly string[],
    detail?: string,
  ) {
    super(
      `Unknown model '${modelId}'${detail ? ` (${detail})` : ''}.` +
        (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ' Run `prompt-cost models --search TEXT` to list known models.') +
        ' Add it under customModels in .promptcost.json to price it yourself.',
    );
    this.name = 'UnknownModelError';
  }
}
