/** Hidden-cost layers, each a percentage of the monthly inference cost, plus fixed monthly infrastructure. */
export interface Overheads {
  readonly retryPct: number;
  readonly evalPct: number;
  readonly monitoringPct: number;
  readonly contextWastePct: number;
  readonly fixedMonthlyUSD: number;
}

export const ZERO_OVERHEADS: Overheads = { retryPct: 0, evalPct: 0, monitoringPct: 0, contextWastePct: 0, fixedMonthlyUSD: 0 };

/**
 * Defaults the extension uses (the CLI's default is zero so a bare estimate is the naive one). Mid-points of the
 * ranges production teams report: retries 10-30 %, evaluation 10-20 %, monitoring 5-15 % (see README).
 */
export const DEFAULT_OVERHEADS: Overheads = { retryPct: 15, evalPct: 15, monitoringPct: 10, contextWastePct: 0, fixedMonthlyUSD: 0 };

/** The forecast multiplier method: naive x (retries + eval + staging + monitoring) x growth; 3.75x by default. */
export interface ForecastFactors {
  readonly retries: number;
  readonly evaluation: number;
  readonly staging: number;
  readonly monitoring: number;
  readonly growth: number;
}

export const DEFAULT_FORECAST: ForecastFactors = { retries: 1.5, evaluation: 0.3, staging: 0.5, monitoring: 0.2, growth: 1.5 };

export interface MonthlyCost {
  readonly perRequestUSD: number;
  readonly requestsPerDay: number;
  readonly daysPerMonth: number;
  readonly dailyUSD: number;
  readonly monthlyUSD: number;
  readonly overheads: Overheads;
  /** Each layer in USD per month. */
  readonly layersUSD: { readonly retries: number; readonly evaluation: number; readonly monitoring: number; readonly contextWaste: number; readonly fixed: number };
  /** monthly x (1 + sum of percentages / 100) + fixed. */
  readonly monthlyWithOverheadsUSD: number;
}

export class TrafficError extends Error {}

export function monthlyCost(perRequestUSD: number, requestsPerDay: number, daysPerMonth = 30, overheads: Overheads = ZERO_OVERHEADS): MonthlyCost {
  if (!Number.isFinite(requestsPerDay) || requestsPerDay < 0) throw new TrafficError(`requests per day must be a number >= 0, got ${requestsPerDay}`);
  if (!Number.isFinite(daysPerMonth) || daysPerMonth <= 0) throw new TrafficError(`days per month must be a number > 0, got ${daysPerMonth}`);
  for (const [k, v] of Object.entries(overheads)) {
    if (!Number.isFinite(v) || v < 0) throw new TrafficError(`${k} must be a number >= 0, got ${v}`);
  }
  const dailyUSD = perRequestUSD * requestsPerDay;
  const monthlyUSD = dailyUSD * daysPerMonth;
  const layersUSD = {
    retries: (monthlyUSD * overheads.retryPct) / 100,
    evaluation: (monthlyUSD * overheads.evalPct) / 100,
    monitoring: (monthlyUSD * overheads.monitoringPct) / 100,
    contextWaste: (monthlyUSD * overheads.contextWastePct) / 100,
    fixed: overheads.fixedMonthlyUSD,
  };
  const pct = overheads.retryPct + overheads.evalPct + overheads.monitoringPct + overheads.contextWastePct;
  return {
    perRequestUSD, requestsPerDay, daysPerMonth, dailyUSD, monthlyUSD, overheads, layersUSD,
    monthlyWithOverheadsUSD: monthlyUSD * (1 + pct / 100) + overheads.fixedMonthlyUSD,
  };
}

export interface Forecast {
  readonly naiveMonthlyUSD: number;
  readonly multiplier: number;
  readonly forecastMonthlyUSD: number;
  readonly factors: ForecastFactors;
}

export function forecast(naiveMonthlyUSD: number, f: ForecastFactors = DEFAULT_FORECAST): Forecast {
  const multiplier = (f.retries + f.evaluation + f.staging + f.monitoring) * f.growth;
  return { naiveMonthlyUSD, multiplier, forecastMonthlyUSD: naiveMonthlyUSD * multiplier, factors: f };
}
