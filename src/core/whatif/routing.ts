import { workloadMonthlyUSD } from '../cost/whatif';
import { rateAt } from '../cost/request';
import type { CatalogModel } from '../pricing/types';
import type { ScenarioItem } from './items';
import { workloadOf } from './scenario';

/** A model the routing lever can send traffic to, priced for the whole selection. */
export interface RouteOption {
  /** What `--route-to` and the catalog's resolve() take: `provider:id` (a custom model: its id). */
  readonly value: string;
  readonly label: string;
  /** The selection's monthly cost with all of its traffic on this model. */
  readonly monthlyUSD: number;
}

/** Vendors that sell their own models: a routing target list drawn from resellers would repeat each model many times. */
export const ROUTE_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'anthropic', 'google', 'mistral', 'x-ai', 'deepseek', 'cohere', 'moonshotai', 'zhipuai', 'minimax']);

export function routeValue(m: Pick<CatalogModel, 'id' | 'provider' | 'source'>): string {
  return m.source === 'custom' ? m.id : `${m.provider}:${m.id}`;
}

/**
 * The models cheaper than the selection's current cost, cheapest first: first-party vendors' current text models and
 * the user's custom models, each priced for the selection's own tokens and traffic. Models priced at $0 are left out
 * (free previews are not a place to route production traffic).
 */
export function routeOptions(items: readonly ScenarioItem[], models: readonly CatalogModel[], opts: { limit?: number } = {}): RouteOption[] {
  const current = items.reduce((s, it) => s + workloadMonthlyUSD(workloadOf(it)), 0);
  const seen = new Set<string>();
  const out: RouteOption[] = [];
  for (const m of models) {
    if (m.deprecated || !(m.source === 'custom' || ROUTE_PROVIDERS.has(m.provider))) continue;
    if (rateAt(m.prices.input, 0) <= 0 && rateAt(m.prices.output, 0) <= 0) continue;
    const value = routeValue(m);
    if (seen.has(value)) continue;
    seen.add(value);
    const monthlyUSD = items.reduce((s, it) => s + workloadMonthlyUSD({ ...workloadOf(it), prices: m.prices }), 0);
    if (items.length > 0 && !(monthlyUSD < current)) continue;
    out.push({ value, label: `${m.id} (${m.providerName})`, monthlyUSD });
  }
  out.sort((a, b) => a.monthlyUSD - b.monthlyUSD || a.value.localeCompare(b.value));
  return out.slice(0, opts.limit ?? 150);
}

/** A sensible first target: the cheapest option from the vendor of the selection's first prompt, else the cheapest. */
export function defaultRouteTarget(items: readonly ScenarioItem[], options: readonly RouteOption[]): string {
  const provider = items[0]?.model.provider;
  return (provider ? options.find((o) => o.value.startsWith(`${provider}:`)) : undefined)?.value ?? options[0]?.value ?? '';
}
