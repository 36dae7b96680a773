import { monthlyCost, MonthlyCost, Overheads, ZERO_OVERHEADS } from './cost/monthly';
import { requestCost, RequestCost } from './cost/request';
import { CATALOG_SOURCE, loadCatalog, ResolveOptions } from './pricing/catalog';
import type { CatalogModel } from './pricing/types';
import { countTokens } from './tokenizer/index';
import type { TokenCount } from './tokenizer/types';

export { UnknownModelError } from './pricing/types';

export interface PromptEstimateOptions extends ResolveOptions {
  readonly model: string;
  readonly requestsPerDay: number;
  readonly outputTokens: number;
  readonly daysPerMonth?: number;
  /** Tokens added to the prompt's own count, e.g. estimated fills of template variables. */
  readonly extraInputTokens?: number;
  readonly overheads?: Overheads;
}

export interface PromptEstimate {
  /** Input tokens of the prompt (own text + extra). */
  readonly tokens: number;
  readonly exact: boolean;
  readonly count: TokenCount;
  readonly modelId: string;
  readonly model: CatalogModel;
  readonly outputTokens: number;
  readonly requestsPerDay: number;
  readonly request: RequestCost;
  readonly perRequestUSD: number;
  readonly dailyUSD: number;
  readonly monthlyUSD: number;
  readonly monthly: MonthlyCost;
  /** Date of the prices: the model's own price date, else the catalog snapshot's. */
  readonly pricesAsOf: string;
}

/** Tokens and cost of one prompt text at a model and traffic. Throws UnknownModelError for an unknown model. */
export async function estimatePromptText(text: string, opts: PromptEstimateOptions): Promise<PromptEstimate> {
  const catalog = await loadCatalog();
  const model = catalog.resolve(opts.model, opts);
  const count = await countTokens(text, model.id, model.provider);
  const tokens = count.tokens + Math.max(0, opts.extraInputTokens ?? 0);
  const request = requestCost(model.prices, { input: tokens, output: opts.outputTokens });
  const monthly = monthlyCost(request.totalUSD, opts.requestsPerDay, opts.daysPerMonth ?? 30, opts.overheads ?? ZERO_OVERHEADS);
  return {
    tokens, exact: count.exact, count, modelId: opts.model.trim(), model, outputTokens: opts.outputTokens, requestsPerDay: opts.requestsPerDay,
    request, perRequestUSD: request.totalUSD, dailyUSD: monthly.dailyUSD, monthlyUSD: monthly.monthlyUSD, monthly,
    pricesAsOf: model.priceDate ?? CATALOG_SOURCE.date,
  };
}
export { formatLens } from './format/lens';
