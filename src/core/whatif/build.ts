import type { AnalyzedPrompt } from '../audit/analyze';
import { workloadMonthlyUSD } from '../cost/whatif';
import type { Catalog, ResolveOptions } from '../pricing/catalog';
import type { CatalogModel } from '../pricing/types';
import { itemsFromDocuments, scenarioModel, ScenarioItem, ScenarioModel, UnpricedPrompt } from './items';
import type { LeverSettings } from './levers';
import { defaultRouteTarget, routeOptions, RouteOption } from './routing';
import { computeScenario, ScenarioResult, workloadOf } from './scenario';

export interface BuildScenarioInput {
  /** Each document's analysis (analyzeDocument), in a stable order. */
  readonly docs: readonly (readonly AnalyzedPrompt[])[];
  /** With one document: just its prompt at this index (the panel's "prompt under the cursor", the CLI's --prompt). */
  readonly promptIndex?: number;
  readonly levers: LeverSettings;
  readonly catalog: Catalog;
  /** Custom models and price overrides of the settings, for the routing target. */
  readonly resolve: ResolveOptions;
  /** Routing candidates (routeCandidates()); when given, the result lists the cheaper ones. */
  readonly candidates?: readonly CatalogModel[];
}

export interface BuiltScenario {
  readonly items: readonly ScenarioItem[];
  readonly unpriced: readonly UnpricedPrompt[];
  /** The routing target actually used: the lever's, else (with candidates) the default pick. */
  readonly routeTarget?: { readonly value: string; readonly model: ScenarioModel };
  /** Why the lever's target could not be resolved (an unknown model). */
  readonly routeError?: string;
  readonly routeOptions: readonly RouteOption[];
  readonly levers: LeverSettings;
  readonly result: ScenarioResult;
}

/** Every model the routing lever may offer: the catalog's, plus the settings' custom models. */
export function routeCandidates(catalog: Catalog, resolve: ResolveOptions): CatalogModel[] {
  const out = catalog.list(resolve.asOf);
  for (const id of Object.keys(resolve.customModels ?? {})) {
    try {
      out.push(catalog.resolve(id, resolve));
    } catch {
      // a custom model without both prices cannot be priced; the settings check reports it
    }
  }
  return out;
}

/**
 * Analysis in, scenario out: the one path from analysed prompts and lever settings to numbers, used by both the panel
 * and `prompt-cost whatif` so they always agree. Never throws for a bad routing target (see routeError).
 */
export function buildScenario(input: BuildScenarioInput): BuiltScenario {
  let { items, unpriced } = itemsFromDocuments(input.docs);
  if (input.promptIndex !== undefined) {
    items = items.filter((it) => it.promptIndex === input.promptIndex);
    unpriced = unpriced.filter((u) => u.promptIndex === input.promptIndex);
  }
  const options = input.candidates ? routeOptions(items, input.candidates) : [];
  let levers = input.levers;
  let routeTarget: BuiltScenario['routeTarget'];
  let routeError: string | undefined;
  let value = levers.routing.target.trim();
  if (!value && options.length > 0) {
    value = defaultRouteTarget(items, options);
    levers = { ...levers, routing: { ...levers.routing, target: value } };
  }
  if (value) {
    try {
      routeTarget = { value, model: scenarioModel(input.catalog.resolve(value, input.resolve)) };
    } catch (e) {
      routeError = e instanceof Error ? e.message : String(e);
    }
  }
  const t = routeTarget;
  const withTarget = t && input.candidates && !options.some((o) => o.value === t.value)
    ? [...options, { value: t.value, label: t.model.label, monthlyUSD: items.reduce((s, it) => s + workloadMonthlyUSD({ ...workloadOf(it), prices: t.model.prices }), 0) }]
    : options;
  const result = computeScenario(items, levers, { routeTarget: routeTarget?.model });
  return { items, unpriced, routeTarget, routeError, routeOptions: withTarget, levers, result };
}
