import type { AnalyzedPrompt } from '../audit/analyze';
import { cachePolicy } from '../pricing/caching';
import type { CatalogModel, ModelPrices } from '../pricing/types';

/**
 * Rules whose findings are input tokens a fix removes from every request: the trimming lever applies their sum.
 * Left out: cache-unfriendly-order and duplicate-boilerplate (their savings are caching token-equivalents, which the
 * prompt-caching lever prices itself) and over-budget (a budget, not a fix).
 */
export const TRIM_RULES: ReadonlySet<string> = new Set(['few-shot-bloat', 'unbounded-variable', 'whitespace-waste', 'pretty-json', 'verbose-filler']);

/** A model as the scenario needs it: prices plus the provider's prompt-caching facts. */
export interface ScenarioModel {
  readonly id: string;
  /** The vendor or host selling it (`openai`, `anthropic`, `custom`, …). */
  readonly provider: string;
  /** e.g. `gpt-4o-mini (OpenAI)`. */
  readonly label: string;
  readonly prices: ModelPrices;
  readonly minCacheableTokens: number;
  /** Where the minimum cacheable length comes from. */
  readonly cacheNote: string;
}

/** One priced prompt: the workload a scenario works on. */
export interface ScenarioItem {
  /** `path#index`, unique in a set. */
  readonly id: string;
  readonly path: string;
  /** Position of the prompt among its document's prompts. */
  readonly promptIndex: number;
  readonly name: string;
  /** 0-based. */
  readonly startLine: number;
  readonly model: ScenarioModel;
  /** Input tokens per request: static text + variable estimates. */
  readonly inputTokens: number;
  readonly staticTokens: number;
  /** Static tokens before the first variable: what provider prefix caching can reuse. */
  readonly staticPrefixTokens: number;
  readonly outputTokens: number;
  readonly requestsPerDay: number;
  readonly daysPerMonth: number;
  /** Input tokens the waste findings' fixes remove per request (TRIM_RULES, capped at the input). */
  readonly trimTokens: number;
  /** How many findings make up `trimTokens`. */
  readonly trimFindings: number;
}

/** A prompt that cannot be priced (unknown model): listed, never counted. */
export interface UnpricedPrompt {
  readonly path: string;
  readonly promptIndex: number;
  readonly name: string;
  readonly modelId: string;
  readonly error: string;
}

export function scenarioModel(m: CatalogModel): ScenarioModel {
  const policy = cachePolicy(m);
  return { id: m.id, provider: m.provider, label: `${m.id} (${m.providerName})`, prices: m.prices, minCacheableTokens: policy.minCacheableTokens, cacheNote: policy.note };
}

/** The scenario items of one document's analysis (in its order) and the prompts that could not be priced. */
export function itemsFromAnalysis(prompts: readonly AnalyzedPrompt[]): { items: ScenarioItem[]; unpriced: UnpricedPrompt[] } {
  const items: ScenarioItem[] = [];
  const unpriced: UnpricedPrompt[] = [];
  prompts.forEach((a, promptIndex) => {
    const name = a.prompt.name;
    if (!a.model) {
      unpriced.push({ path: a.path, promptIndex, name, modelId: a.modelId, error: a.error ?? `model '${a.modelId}' is not priced` });
      return;
    }
    const trim = a.findings.filter((f) => TRIM_RULES.has(f.rule) && f.savingsTokens > 0);
    items.push({
      id: `${a.path}#${promptIndex}`,
      path: a.path,
      promptIndex,
      name,
      startLine: a.prompt.startLine,
      model: scenarioModel(a.model),
      inputTokens: a.tokens,
      staticTokens: Math.min(a.staticTokens, a.tokens),
      staticPrefixTokens: Math.min(a.staticPrefixTokens, a.tokens),
      outputTokens: a.outputTokens,
      requestsPerDay: a.requestsPerDay,
      daysPerMonth: a.monthly?.daysPerMonth ?? 30,
      trimTokens: Math.min(a.tokens, trim.reduce((s, f) => s + f.savingsTokens, 0)),
      trimFindings: trim.length,
    });
  });
  return { items, unpriced };
}

/** The same for several documents (a workspace), each analysed on its own. */
export function itemsFromDocuments(docs: readonly (readonly AnalyzedPrompt[])[]): { items: ScenarioItem[]; unpriced: UnpricedPrompt[] } {
  const items: ScenarioItem[] = [];
  const unpriced: UnpricedPrompt[] = [];
  for (const d of docs) {
    const r = itemsFromAnalysis(d);
    items.push(...r.items);
    unpriced.push(...r.unpriced);
  }
  return { items, unpriced };
}
