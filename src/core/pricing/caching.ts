import type { CatalogModel } from './types';

/** How provider prompt caching works for a model: the facts a caching what-if needs. */
export interface CachePolicy {
  /** Shortest prefix the provider caches, in tokens. */
  readonly minCacheableTokens: number;
  /** True when the cache is automatic (OpenAI, Gemini implicit); false when the prompt must mark it (Anthropic). */
  readonly automatic: boolean;
  /** Where the number comes from. */
  readonly note: string;
}

/**
 * Minimum cacheable prefix per vendor and model family, from the vendors' prompt-caching documentation as
 * summarised in shared/market-and-domain.md (Anthropic 1,024 / 2,048 / 4,096 by model; OpenAI 1,024; Gemini 3 4,096).
 */
export function cachePolicy(model: Pick<CatalogModel, 'id' | 'provider'>): CachePolicy {
  const id = model.id.toLowerCase();
  if (id.includes('claude')) {
    if (/opus-4-[5-9]|opus-4\.[5-9]|haiku-4-5|haiku-4\.5/.test(id)) return { minCacheableTokens: 4096, automatic: false, note: 'Anthropic: 4,096 tokens for Opus 4.5+ and Haiku 4.5' };
    if (/sonnet-4-6|haiku-3/.test(id)) return { minCacheableTokens: 2048, automatic: false, note: 'Anthropic: 2,048 tokens for Sonnet 4.6 and Haiku 3.x' };
    return { minCacheableTokens: 1024, automatic: false, note: 'Anthropic: 1,024 tokens' };
  }
  if (id.includes('gemini')) {
    if (/gemini-[3-9]/.test(id) || id.includes('2.5-pro')) return { minCacheableTokens: 4096, automatic: true, note: 'Gemini 3 and 2.5 Pro: 4,096 tokens' };
    return { minCacheableTokens: 1024, automatic: true, note: 'Gemini 2.x Flash: 1,024 tokens' };
  }
  if (model.provider === 'openai' || model.provider === 'azure' || /^(gpt|o\d|chatgpt)/.test(id)) {
    return { minCacheableTokens: 1024, automatic: true, note: 'OpenAI: automatic for prompts of 1,024 tokens or more' };
  }
  return { minCacheableTokens: 1024, automatic: true, note: 'assumed 1,024 tokens (no vendor figure known)' };
}
