/** The panel's view state from a built scenario: numbers as computed, facts worded. Pure (no vscode), unit-tested. */
import { rateAt } from '../../core/cost/request';
import { formatInt, formatRate, formatUSD } from '../../core/format/numbers';
import type { Rate } from '../../core/pricing/types';
import type { BuiltScenario } from '../../core/whatif/build';
import type { ChainLeverId, LeverSettings } from '../../core/whatif/levers';
import { trimSummary } from '../../core/whatif/markdown';
import type { Money } from '../../core/whatif/scenario';
import type { LeverView, MoneyView, Scope, ViewState } from '../../webview/protocol';

export interface ViewInput {
  readonly seq: number;
  readonly scope: Scope;
  readonly levers: LeverSettings;
  readonly status: ViewState['status'];
  readonly message?: string;
  readonly title: string;
  readonly subtitle: string;
  /** Absent while loading or when nothing is selected: the numbers are zeros then. */
  readonly built?: BuiltScenario;
  /** The document URI (string) of a prompt's path. */
  readonly uriOf: (path: string) => string;
}

type Fact = { label: string; value: string };

const m = (x: Money): MoneyView => ({ before: x.beforeMonthlyUSD, after: x.afterMonthlyUSD, saving: x.savingUSD });
const perM = (r: Rate | undefined): string => (r === undefined ? 'none' : `${formatUSD(rateAt(r, 0))} per 1M tokens${typeof r === 'number' ? '' : ' (tiered)'}`);

function facts(id: ChainLeverId, b: BuiltScenario, l: LeverSettings): Fact[] {
  const items = b.items;
  const one = items.length === 1 ? items[0] : undefined;
  switch (id) {
    case 'trim': {
      const t = trimSummary(items);
      return [{ label: 'Removed per request', value: `${formatInt(t.tokens)} input tokens${items.length > 1 ? ' (traffic-weighted)' : ''}` }, { label: 'From', value: `${t.findings} waste finding${t.findings === 1 ? '' : 's'}` }];
    }
    case 'routing': {
      const opt = b.routeOptions.find((o) => o.value === b.routeTarget?.value);
      return b.routeTarget
        ? [
          { label: 'Target', value: b.routeTarget.model.label },
          ...(opt ? [{ label: 'All traffic on it', value: `${formatUSD(opt.monthlyUSD)}/month` }] : []),
          { label: 'Target prices', value: `in ${perM(b.routeTarget.model.prices.input)}, out ${perM(b.routeTarget.model.prices.output)}` },
          { label: 'Tokens', value: "today's counts (another tokenizer may count a few % differently)" },
        ]
        : [{ label: 'Target', value: 'none cheaper in the catalog' }];
    }
    case 'promptCache': {
      if (!one) {
        const ok = items.filter((it) => it.model.prices.cachedInput !== undefined && it.staticPrefixTokens >= it.model.minCacheableTokens).length;
        return [{ label: 'Prompts with a cacheable static prefix', value: `${ok} of ${items.length}` }];
      }
      const p = one.model.prices;
      const write = l.promptCache.ttl === '1h' ? (p.cacheWrite1h ?? p.cacheWrite) : p.cacheWrite;
      return [
        { label: 'Static prefix', value: `${formatInt(one.staticPrefixTokens)} of ${formatInt(one.inputTokens)} input tokens (text before the first variable)` },
        { label: 'Minimum cacheable', value: `${formatInt(one.model.minCacheableTokens)} tokens (${one.model.cacheNote})` },
        { label: 'Cached read', value: `${perM(p.cachedInput)} (input ${perM(p.input)})` },
        {
          label: `Cache write (${l.promptCache.ttl})`,
          value: write === undefined ? 'no write premium (billed as input)' : perM(write) + (l.promptCache.ttl === '1h' && p.cacheWrite1h === undefined ? ' (no 1-hour price: the default write rate)' : ''),
        },
      ];
    }
    case 'responseCache': {
      const hits = (b.result.requestsPerDay * l.responseCache.hitRatePct) / 100;
      const lookups = l.responseCache.mode === 'semantic' ? l.responseCache.lookupUSDPerRequest * b.result.requestsPerMonth : 0;
      return [
        { label: 'Answered from the cache', value: `${formatRate(hits)} requests/day` },
        { label: 'Lookups', value: l.responseCache.mode === 'semantic' ? `${formatUSD(lookups)}/month (every request is embedded and looked up)` : 'exact match: no lookup cost' },
      ];
    }
    case 'batch': {
      if (!one) return [{ label: 'Prompts with a batch price', value: `${items.filter((it) => it.model.prices.batchMultiplier !== undefined).length} of ${items.length}` }];
      const bm = one.model.prices.batchMultiplier;
      return [{ label: 'Batch price', value: bm === undefined ? 'not known for this model' : `${Math.round(bm * 100)}% of the standard price (results within 24 h)` }];
    }
  }
}

const ZERO_MONEY: MoneyView = { before: 0, after: 0, saving: 0 };

export function buildViewState(input: ViewInput): ViewState {
  const b = input.built;
  const r = b?.result;
  const levers = b?.levers ?? input.levers;
  const outcomes: LeverView[] = r && b
    ? r.levers.map((o) => ({
      id: o.id, on: o.on, alone: m(o.alone), step: o.step ? m(o.step) : null, appliesTo: o.appliesTo, prompts: o.prompts,
      reason: o.reason ?? null, facts: facts(o.id, b, levers),
    }))
    : [];
  const base = r?.baseline;
  return {
    seq: input.seq,
    scope: input.scope,
    levers,
    status: input.status,
    message: input.message ?? null,
    title: input.title,
    subtitle: input.subtitle,
    baseline: {
      monthlyUSD: base?.monthlyUSD ?? 0, perRequestUSD: base?.perRequestUSD ?? 0, requestsPerDay: r?.requestsPerDay ?? 0,
      inputStaticUSD: base?.monthly.inputStaticUSD ?? 0, inputVariablesUSD: base?.monthly.inputVariablesUSD ?? 0,
      outputUSD: base?.monthly.outputUSD ?? 0, requestFeeUSD: base?.monthly.requestFeeUSD ?? 0,
    },
    prompts: (base?.byPrompt ?? [])
      .map((p) => ({ uri: input.uriOf(p.path), promptIndex: p.promptIndex, path: p.path, name: p.name, line: p.startLine + 1, model: p.modelId, tokens: p.inputTokens, monthlyUSD: p.monthly.totalUSD }))
      .sort((x, y) => y.monthlyUSD - x.monthlyUSD || x.path.localeCompare(y.path) || x.promptIndex - y.promptIndex)
      .slice(0, 2000),
    outcomes,
    combined: r ? { ...m(r.combined), savingPct: r.combined.savingPct, levers: [...r.combined.levers] } : { ...ZERO_MONEY, savingPct: 0, levers: [] },
    steps: r ? r.steps.map((s) => ({ id: s.id, monthlyUSD: s.monthlyUSD })) : [],
    selfHost: r
      ? {
        on: r.selfHost.on, gpuMonthlyUSD: r.selfHost.gpuMonthlyUSD, hoursPerMonth: r.selfHost.hoursPerMonth,
        alone: { ...m(r.selfHost.alone), breakEven: r.selfHost.alone.breakEvenRequestsPerDay },
        combined: { ...m(r.selfHost.combined), breakEven: r.selfHost.combined.breakEvenRequestsPerDay },
      }
      : { on: levers.selfHost.on, gpuMonthlyUSD: 0, hoursPerMonth: 0, alone: { ...ZERO_MONEY, breakEven: null }, combined: { ...ZERO_MONEY, breakEven: null } },
    routeOptions: (b?.routeOptions ?? []).slice(0, 500).map((o) => ({ value: o.value, label: o.label, monthlyUSD: o.monthlyUSD })),
    routeError: b?.routeError ?? null,
    unpriced: (b?.unpriced ?? []).map((u) => ({ path: u.path, name: u.name, error: u.error })),
  };
}
