import { requestCost } from '../cost/request';
import { batchShare, promptCaching, responseCache, routeTraffic, trimInput, WhatIf, Workload } from '../cost/whatif';
import type { ModelPrices } from '../pricing/types';
import type { ScenarioItem, ScenarioModel } from './items';
import { ChainLeverId, HOURS_PER_MONTH, LEVER_ORDER, LeverSettings } from './levers';

/** A monthly cost before and after something, in USD; saving = before - after (negative when it costs more). */
export interface Money {
  readonly beforeMonthlyUSD: number;
  readonly afterMonthlyUSD: number;
  readonly savingUSD: number;
}

export interface LeverOutcome {
  readonly id: ChainLeverId;
  readonly on: boolean;
  /** The lever alone against today's cost: the core what-if (src/core/cost/whatif.ts) of each prompt, summed. */
  readonly alone: Money;
  /** Its step in the combined scenario, after the levers before it (only when on). */
  readonly step?: Money;
  /** Prompts the lever can apply to, of `prompts`. */
  readonly appliesTo: number;
  readonly prompts: number;
  /** Why it cannot apply (to some or all prompts), in the core's words. */
  readonly reason?: string;
}

export interface CostBreakdown {
  /** Input tokens of the prompt's own text. */
  readonly inputStaticUSD: number;
  /** Input tokens of the template variables' estimated fills. */
  readonly inputVariablesUSD: number;
  readonly outputUSD: number;
  readonly requestFeeUSD: number;
  readonly totalUSD: number;
}

export interface PromptCost {
  readonly id: string;
  readonly path: string;
  readonly promptIndex: number;
  readonly name: string;
  readonly startLine: number;
  readonly modelId: string;
  readonly inputTokens: number;
  readonly staticTokens: number;
  readonly outputTokens: number;
  readonly requestsPerDay: number;
  readonly perRequestUSD: number;
  /** Monthly, split by where the money goes. */
  readonly monthly: CostBreakdown;
}

export interface SelfHostMoney extends Money {
  /** Requests per day (same prompt mix) at which the API costs as much as the GPUs; null when a request costs nothing. */
  readonly breakEvenRequestsPerDay: number | null;
}

export interface SelfHostOutcome {
  readonly on: boolean;
  readonly hoursPerMonth: number;
  readonly gpuMonthlyUSD: number;
  /** GPUs against today's API cost. */
  readonly alone: SelfHostMoney;
  /** GPUs against the combined scenario's API cost. */
  readonly combined: SelfHostMoney;
}

export interface ScenarioResult {
  readonly prompts: number;
  readonly requestsPerDay: number;
  readonly requestsPerMonth: number;
  readonly baseline: { readonly monthlyUSD: number; readonly perRequestUSD: number; readonly monthly: CostBreakdown; readonly byPrompt: readonly PromptCost[] };
  /** In LEVER_ORDER. */
  readonly levers: readonly LeverOutcome[];
  /** The levers that are on, applied in LEVER_ORDER. */
  readonly combined: Money & { readonly savingPct: number; readonly levers: readonly ChainLeverId[] };
  /** Today's cost, then the cost after each lever that is on (the chart). */
  readonly steps: readonly { readonly id: 'now' | ChainLeverId; readonly monthlyUSD: number }[];
  readonly selfHost: SelfHostOutcome;
}

export interface ScenarioOptions {
  /** The routing lever's target model, resolved by the caller (catalog + settings). */
  readonly routeTarget?: ScenarioModel;
}

/** The core what-ifs' view of one prompt. */
export const workloadOf = (it: ScenarioItem): Workload => ({
  prices: it.model.prices, inputTokens: it.inputTokens, outputTokens: it.outputTokens, requestsPerDay: it.requestsPerDay, daysPerMonth: it.daysPerMonth,
});
const perMonth = (it: ScenarioItem): number => it.requestsPerDay * it.daysPerMonth;
const money = (before: number, after: number): Money => ({ beforeMonthlyUSD: before, afterMonthlyUSD: after, savingUSD: before - after });

/** One lever alone on one prompt: the core what-if itself. */
function alone(id: ChainLeverId, it: ScenarioItem, l: LeverSettings, target: ScenarioModel | undefined): WhatIf {
  const w = workloadOf(it);
  switch (id) {
    case 'trim': {
      const r = trimInput(w, it.trimTokens);
      return it.trimTokens > 0 ? r : { ...r, applies: false, reason: 'no waste finding removes input tokens' };
    }
    case 'routing': {
      if (target) return routeTraffic(w, target.prices, l.routing.sharePct);
      const r = trimInput(w, 0);
      return { ...r, lever: 'routing', applies: false, reason: 'no target model is chosen' };
    }
    case 'promptCache':
      return promptCaching(w, { staticPrefixTokens: it.staticPrefixTokens, hitRatePct: l.promptCache.hitRatePct, minCacheableTokens: it.model.minCacheableTokens, writeRate: l.promptCache.ttl === '1h' ? '1h' : 'default' });
    case 'responseCache':
      return responseCache(w, l.responseCache.hitRatePct, { mode: l.responseCache.mode, lookupUSDPerRequest: l.responseCache.lookupUSDPerRequest });
    case 'batch':
      return batchShare(w, l.batch.sharePct);
  }
}

/** A share of one prompt's requests priced one way. */
interface Segment {
  readonly prices: ModelPrices;
  readonly minCache: number;
  readonly input: number;
  readonly output: number;
  readonly prefix: number;
  readonly cached: number;
  readonly written: number;
  readonly batch: boolean;
  readonly weight: number;
}

/** Monthly cost of one prompt after each lever of LEVER_ORDER in turn (a lever that is off leaves it as it was). */
function chain(it: ScenarioItem, l: LeverSettings, target: ScenarioModel | undefined): number[] {
  const n = perMonth(it);
  let segs: Segment[] = [{ prices: it.model.prices, minCache: it.model.minCacheableTokens, input: it.inputTokens, output: it.outputTokens, prefix: Math.min(it.staticPrefixTokens, it.inputTokens), cached: 0, written: 0, batch: false, weight: 1 }];
  let lookups = 0;
  const split = (g: Segment, share: number, other: Partial<Segment>): Segment[] =>
    [{ ...g, weight: g.weight * (1 - share) }, { ...g, ...other, weight: g.weight * share }].filter((s) => s.weight > 0);
  const cost = (): number =>
    lookups + segs.reduce((sum, g) => sum + g.weight * n * requestCost(g.prices, { input: g.input, output: g.output, cachedInput: g.cached, cacheWrite: g.written }, { batch: g.batch }).totalUSD, 0);
  const out: number[] = [];
  for (const id of LEVER_ORDER) {
    if (l[id].on) {
      if (id === 'trim') {
        segs = segs.map((g) => {
          const input = Math.max(0, g.input - it.trimTokens);
          return { ...g, input, prefix: Math.min(g.prefix, input) };
        });
      } else if (id === 'routing' && target) {
        segs = segs.flatMap((g) => split(g, l.routing.sharePct / 100, { prices: target.prices, minCache: target.minCacheableTokens }));
      } else if (id === 'promptCache') {
        const h = l.promptCache.hitRatePct / 100;
        segs = segs.flatMap((g) => {
          const prefix = Math.min(g.prefix, g.input);
          if (g.prices.cachedInput === undefined || prefix < g.minCache) return [g];
          const wp = l.promptCache.ttl === '1h' && g.prices.cacheWrite1h !== undefined ? { ...g.prices, cacheWrite: g.prices.cacheWrite1h } : g.prices;
          return [{ ...g, cached: prefix, weight: g.weight * h }, { ...g, prices: wp, written: wp.cacheWrite === undefined ? 0 : prefix, weight: g.weight * (1 - h) }].filter((s) => s.weight > 0);
        });
      } else if (id === 'responseCache') {
        if (l.responseCache.mode === 'semantic') lookups += l.responseCache.lookupUSDPerRequest * n;
        const keep = 1 - l.responseCache.hitRatePct / 100;
        segs = segs.map((g) => ({ ...g, weight: g.weight * keep }));
      } else if (id === 'batch') {
        segs = segs.flatMap((g) => (g.prices.batchMultiplier === undefined ? [g] : split(g, l.batch.sharePct / 100, { batch: true })));
      }
    }
    out.push(cost());
  }
  return out;
}

function breakdown(it: ScenarioItem): CostBreakdown {
  const r = requestCost(it.model.prices, { input: it.inputTokens, output: it.outputTokens });
  const n = perMonth(it);
  const staticShare = it.inputTokens > 0 ? it.staticTokens / it.inputTokens : 0;
  return {
    inputStaticUSD: r.inputUSD * staticShare * n, inputVariablesUSD: r.inputUSD * (1 - staticShare) * n,
    outputUSD: r.outputUSD * n, requestFeeUSD: r.requestFeeUSD * n, totalUSD: r.totalUSD * n,
  };
}

const addBreakdown = (a: CostBreakdown, b: CostBreakdown): CostBreakdown => ({
  inputStaticUSD: a.inputStaticUSD + b.inputStaticUSD, inputVariablesUSD: a.inputVariablesUSD + b.inputVariablesUSD,
  outputUSD: a.outputUSD + b.outputUSD, requestFeeUSD: a.requestFeeUSD + b.requestFeeUSD, totalUSD: a.totalUSD + b.totalUSD,
});
const ZERO: CostBreakdown = { inputStaticUSD: 0, inputVariablesUSD: 0, outputUSD: 0, requestFeeUSD: 0, totalUSD: 0 };

/**
 * The reasons a lever cannot apply: one prompt gets the core's own words; a set gets each kind of reason once (numbers
 * in parentheses dropped, as they differ per prompt) with how many prompts it concerns.
 */
function joinReasons(reasons: string[], appliesTo: number, prompts: number): string | undefined {
  if (reasons.length === 0) return undefined;
  if (prompts === 1) return reasons[0];
  const kinds = [...new Set(reasons.map((r) => r.replace(/\s*\([^)]*\)/g, '')))];
  const text = kinds.slice(0, 3).join('; ') + (kinds.length > 3 ? `; and ${kinds.length - 3} more` : '');
  return appliesTo === 0 ? `none of the ${prompts} prompts can use it: ${text}` : `${prompts - appliesTo} of ${prompts} prompts cannot use it: ${text}`;
}

/**
 * Every lever's before/after for a prompt or a set of prompts, alone (the core what-if) and combined in LEVER_ORDER,
 * and self-hosting against both today's and the combined API cost. Pure; numbers only.
 */
export function computeScenario(items: readonly ScenarioItem[], levers: LeverSettings, opts: ScenarioOptions = {}): ScenarioResult {
  const target = opts.routeTarget;
  const byPrompt: PromptCost[] = items.map((it) => {
    const monthly = breakdown(it);
    return {
      id: it.id, path: it.path, promptIndex: it.promptIndex, name: it.name, startLine: it.startLine, modelId: it.model.id,
      inputTokens: it.inputTokens, staticTokens: it.staticTokens, outputTokens: it.outputTokens, requestsPerDay: it.requestsPerDay,
      perRequestUSD: requestCost(it.model.prices, { input: it.inputTokens, output: it.outputTokens }).totalUSD, monthly,
    };
  });
  const monthly = byPrompt.reduce((a, p) => addBreakdown(a, p.monthly), ZERO);
  const before = monthly.totalUSD;
  const requestsPerDay = items.reduce((s, it) => s + it.requestsPerDay, 0);
  const requestsPerMonth = items.reduce((s, it) => s + perMonth(it), 0);

  const chains = items.map((it) => chain(it, levers, target));
  const after = LEVER_ORDER.map((_, i) => chains.reduce((s, c) => s + c[i], 0));
  const leverOutcomes: LeverOutcome[] = LEVER_ORDER.map((id, i) => {
    const results = items.map((it) => alone(id, it, levers, target));
    const appliesTo = results.filter((r) => r.applies).length;
    const reasons = results.filter((r) => !r.applies && r.reason).map((r) => r.reason as string);
    const on = levers[id].on;
    const prev = i === 0 ? before : after[i - 1];
    return {
      id, on, appliesTo, prompts: items.length, reason: id === 'routing' && !target ? 'no target model is chosen' : joinReasons(reasons, appliesTo, items.length),
      alone: money(results.reduce((s, r) => s + r.beforeMonthlyUSD, 0), results.reduce((s, r) => s + r.afterMonthlyUSD, 0)),
      ...(on ? { step: money(prev, after[i]) } : {}),
    };
  });
  const combinedAfter = after[after.length - 1] ?? before;
  const onIds = LEVER_ORDER.filter((id) => levers[id].on);
  const steps = [{ id: 'now' as const, monthlyUSD: before }, ...LEVER_ORDER.flatMap((id, i) => (levers[id].on ? [{ id, monthlyUSD: after[i] }] : []))];

  const sh = levers.selfHost;
  const hoursPerMonth = (HOURS_PER_MONTH * sh.utilizationPct) / 100;
  const gpuMonthlyUSD = sh.gpuHourlyUSD * sh.gpuCount * hoursPerMonth;
  const days = requestsPerDay > 0 ? requestsPerMonth / requestsPerDay : (items[0]?.daysPerMonth ?? 30);
  const meanPerRequest = byPrompt.length ? byPrompt.reduce((s, p) => s + p.perRequestUSD, 0) / byPrompt.length : 0;
  const vsApi = (api: number): SelfHostMoney => {
    // as the core's selfHostBreakEven: the API's cost per request at today's mix, and the traffic that pays for the GPUs
    const perRequest = requestsPerMonth > 0 ? api / requestsPerMonth : meanPerRequest;
    return { ...money(api, gpuMonthlyUSD), breakEvenRequestsPerDay: perRequest > 0 ? gpuMonthlyUSD / (perRequest * days) : null };
  };

  return {
    prompts: items.length, requestsPerDay, requestsPerMonth,
    baseline: { monthlyUSD: before, perRequestUSD: requestsPerMonth > 0 ? before / requestsPerMonth : meanPerRequest, monthly, byPrompt },
    levers: leverOutcomes,
    combined: { ...money(before, combinedAfter), savingPct: before > 0 ? ((before - combinedAfter) / before) * 100 : 0, levers: onIds },
    steps,
    selfHost: { on: sh.on, hoursPerMonth, gpuMonthlyUSD, alone: vsApi(before), combined: vsApi(combinedAfter) },
  };
}
