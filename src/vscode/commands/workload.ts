import type { Overheads, ForecastFactors } from '../../core/cost/monthly';
import { forecast, monthlyCost } from '../../core/cost/monthly';
import { requestCost } from '../../core/cost/request';
import { formatInt, formatRate, formatUSD } from '../../core/format/numbers';
import type { Catalog } from '../../core/pricing/catalog';
import { CATALOG_SOURCE } from '../../core/pricing/catalog';
import type { ResolveOptions } from '../../core/pricing/catalog';
import { parseAmount } from '../../core/slots/inline';
import { priceText } from '../format';

export interface WorkloadInput {
  readonly model: string;
  readonly requestsPerDay: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly daysPerMonth: number;
  readonly overheads: Overheads;
  readonly forecast: ForecastFactors;
}

/** The numbers of an estimate, as the "Copy JSON" action copies them. */
export interface WorkloadResult {
  readonly model: string;
  readonly provider: string;
  readonly pricesAsOf: string;
  readonly requestsPerDay: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly daysPerMonth: number;
  readonly perRequestUSD: number;
  readonly inputUSDPerRequest: number;
  readonly outputUSDPerRequest: number;
  readonly dailyUSD: number;
  readonly monthlyUSD: number;
  readonly overheads: Overheads;
  readonly layersUSD: { readonly retries: number; readonly evaluation: number; readonly monitoring: number; readonly contextWaste: number; readonly fixed: number };
  readonly monthlyWithOverheadsUSD: number;
  readonly forecast: { readonly multiplier: number; readonly forecastMonthlyUSD: number; readonly factors: ForecastFactors };
}

/** Prices a workload with the core's cost model (throws UnknownModelError for an unknown model). */
export function computeWorkload(catalog: Catalog, input: WorkloadInput, resolve: ResolveOptions = {}): WorkloadResult {
  const model = catalog.resolve(input.model, resolve);
  const r = requestCost(model.prices, { input: input.inputTokens, output: input.outputTokens });
  const m = monthlyCost(r.totalUSD, input.requestsPerDay, input.daysPerMonth, input.overheads);
  const f = forecast(m.monthlyUSD, input.forecast);
  return {
    model: input.model, provider: model.providerName, pricesAsOf: model.priceDate ?? CATALOG_SOURCE.date,
    requestsPerDay: input.requestsPerDay, inputTokens: input.inputTokens, outputTokens: input.outputTokens, daysPerMonth: input.daysPerMonth,
    perRequestUSD: r.totalUSD, inputUSDPerRequest: r.inputUSD + r.cachedInputUSD + r.cacheWriteUSD, outputUSDPerRequest: r.outputUSD,
    dailyUSD: m.dailyUSD, monthlyUSD: m.monthlyUSD, overheads: input.overheads, layersUSD: m.layersUSD, monthlyWithOverheadsUSD: m.monthlyWithOverheadsUSD,
    forecast: { multiplier: f.multiplier, forecastMonthlyUSD: f.forecastMonthlyUSD, factors: input.forecast },
  };
}

const OVERHEAD_KEYS: readonly (keyof Overheads)[] = ['retryPct', 'evalPct', 'monitoringPct', 'contextWastePct', 'fixedMonthlyUSD'];

/** `retryPct=15 evalPct=15 monitoringPct=10 contextWastePct=0 fixedMonthlyUSD=0` */
export function formatOverheads(o: Overheads): string {
  return OVERHEAD_KEYS.map((k) => `${k}=${o[k]}`).join(' ');
}

/** Parses the overheads line; a string says what is wrong (shown as the input box's validation message). */
export function parseOverheads(text: string): Overheads | string {
  const out: Record<string, number> = { retryPct: 0, evalPct: 0, monitoringPct: 0, contextWastePct: 0, fixedMonthlyUSD: 0 };
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*=\s*(.+)$/.exec(part);
    const key = m && OVERHEAD_KEYS.find((k) => k.toLowerCase() === m[1].toLowerCase());
    if (!m || !key) return `"${part}" is not one of ${OVERHEAD_KEYS.map((k) => `${k}=N`).join(', ')}`;
    const n = parseAmount(m[2]);
    if (n === undefined || (key !== 'fixedMonthlyUSD' && n > 1000)) return `${key} must be a number${key === 'fixedMonthlyUSD' ? ' ≥ 0 (USD per month)' : ' between 0 and 1000 (%)'}`;
    out[key] = n;
  }
  return out as unknown as Overheads;
}

/** The readable result: per request, per day, per month, hidden-cost layers, the forecast, and the same as JSON. */
export function workloadMarkdown(r: WorkloadResult, prices: { input: unknown; output: unknown }): string {
  const o = r.overheads;
  const f = r.forecast.factors;
  const lines = [
    `# Workload estimate: ${r.model}`,
    '',
    `${formatRate(r.requestsPerDay)} requests/day × ${formatInt(r.inputTokens)} input + ${formatInt(r.outputTokens)} output tokens · ${r.provider} (${priceText(prices)}) · prices as of ${r.pricesAsOf}`,
    '',
    '## Cost',
    '',
    '| | USD |',
    '|:--|--:|',
    `| Per request | ${formatUSD(r.perRequestUSD)} (input ${formatUSD(r.inputUSDPerRequest)} + output ${formatUSD(r.outputUSDPerRequest)}) |`,
    `| Per day | ${formatUSD(r.dailyUSD)} |`,
    `| Per month (${r.daysPerMonth} days) | **${formatUSD(r.monthlyUSD)}** |`,
    '',
    '## Hidden-cost layers (per month)',
    '',
    '| Layer | USD |',
    '|:--|--:|',
    `| Retries and failed calls (${o.retryPct} %) | ${formatUSD(r.layersUSD.retries)} |`,
    `| Evaluation runs (${o.evalPct} %) | ${formatUSD(r.layersUSD.evaluation)} |`,
    `| Monitoring and logging (${o.monitoringPct} %) | ${formatUSD(r.layersUSD.monitoring)} |`,
    `| Context waste (${o.contextWastePct} %) | ${formatUSD(r.layersUSD.contextWaste)} |`,
    `| Fixed infrastructure | ${formatUSD(r.layersUSD.fixed)} |`,
    `| **Total with overheads** | **${formatUSD(r.monthlyWithOverheadsUSD)}** |`,
    '',
    '## Forecast (multiplier method)',
    '',
    `${formatUSD(r.monthlyUSD)} × (retries ${f.retries} + evaluation ${f.evaluation} + staging ${f.staging} + monitoring ${f.monitoring}) × growth ${f.growth} = ${r.forecast.multiplier.toFixed(2)}× → **${formatUSD(r.forecast.forecastMonthlyUSD)}/month**`,
    '',
    '## JSON',
    '',
    '```json',
    JSON.stringify(r, null, 2),
    '```',
    '',
  ];
  return lines.join('\n');
}
