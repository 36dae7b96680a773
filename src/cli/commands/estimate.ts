import { forecast, monthlyCost, Overheads } from '../../core/cost/monthly';
import { requestCost } from '../../core/cost/request';
import { formatInt, formatUSD } from '../../core/format/numbers';
import { CATALOG_SOURCE, loadCatalog } from '../../core/pricing/catalog';
import { profileForModel } from '../../core/tokenizer/index';
import { num, parse, str } from '../args';
import { loadConfig } from '../config';
import { CliIO, EXIT_OK } from '../io';
import { table } from '../table';

export const ESTIMATE_HELP = `Usage: prompt-cost estimate --model M --requests-per-day N --input-tokens N --output-tokens N [options]

Monthly cost of a workload. Overhead flags default to 0, so a bare estimate is the naive one.

Options:
  --model M                 model id: gpt-4o, claude-haiku-4-5, azure:gpt-4o, openrouter/openai/gpt-4o
  --requests-per-day N      requests per day (30k and 1.5M are accepted)
  --input-tokens N          input tokens per request (cached part included)
  --output-tokens N         output tokens per request
  --cached-input-tokens N   part of the input read from the provider's prompt cache
  --days N                  days per month (default 30)
  --retry-pct P             retries, % of the monthly cost
  --eval-pct P              evaluation, % of the monthly cost
  --monitoring-pct P        monitoring, % of the monthly cost
  --context-waste-pct P     context waste, % of the monthly cost
  --fixed-monthly-usd X     fixed monthly infrastructure in USD
  --forecast                add the forecast multiplier view (naive x (1.5 + 0.3 + 0.5 + 0.2) x 1.5)
  --batch                   price every request at the batch API rate
  --config FILE             .promptcost.json with custom models and price overrides
  --json                    print one JSON object
`;

export async function estimateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    model: { type: 'string' }, 'requests-per-day': { type: 'string' }, 'input-tokens': { type: 'string' },
    'output-tokens': { type: 'string' }, 'cached-input-tokens': { type: 'string' }, days: { type: 'string' },
    'retry-pct': { type: 'string' }, 'eval-pct': { type: 'string' }, 'monitoring-pct': { type: 'string' },
    'context-waste-pct': { type: 'string' }, 'fixed-monthly-usd': { type: 'string' }, forecast: { type: 'boolean' },
    batch: { type: 'boolean' }, config: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(ESTIMATE_HELP);
    return EXIT_OK;
  }
  const { settings } = await loadConfig(io, str(values, 'config'));
  const modelId = str(values, 'model') ?? settings.model;
  const requestsPerDay = num(values, 'requests-per-day', { min: 0, required: true })!;
  const input = num(values, 'input-tokens', { min: 0, integer: true, required: true })!;
  const output = num(values, 'output-tokens', { min: 0, integer: true, required: true })!;
  const cached = num(values, 'cached-input-tokens', { min: 0, max: input, integer: true }) ?? 0;
  const days = num(values, 'days', { min: 1, max: 31 }) ?? 30;
  const overheads: Overheads = {
    retryPct: num(values, 'retry-pct', { min: 0 }) ?? 0,
    evalPct: num(values, 'eval-pct', { min: 0 }) ?? 0,
    monitoringPct: num(values, 'monitoring-pct', { min: 0 }) ?? 0,
    contextWastePct: num(values, 'context-waste-pct', { min: 0 }) ?? 0,
    fixedMonthlyUSD: num(values, 'fixed-monthly-usd', { min: 0 }) ?? 0,
  };
  const catalog = await loadCatalog();
  const model = catalog.resolve(modelId, settings);
  const batch = values.batch === true;
  if (batch && model.prices.batchMultiplier === undefined) io.err(`warning: no batch price is known for ${model.id}; priced at the standard rate\n`);
  const req = requestCost(model.prices, { input, output, cachedInput: cached }, { batch });
  const m = monthlyCost(req.totalUSD, requestsPerDay, days, overheads);
  const fc = values.forecast ? forecast(m.monthlyUSD, settings.forecast) : undefined;
  const profile = profileForModel(model.id, model.provider);

  if (values.json) {
    io.out(JSON.stringify({
      model: model.id, provider: model.provider, priceSource: { ...CATALOG_SOURCE, kind: model.source, modelPriceDate: model.priceDate ?? null },
      pricesPerMTok: model.prices, batch,
      tokens: { input, cachedInput: cached, output, tokenizer: profile.encoding, tokenizerExact: profile.exact },
      requestsPerDay, days,
      perRequestUSD: req.totalUSD, breakdownUSD: { input: req.inputUSD, cachedInput: req.cachedInputUSD, cacheWrite: req.cacheWriteUSD, output: req.outputUSD, requestFee: req.requestFeeUSD },
      dailyUSD: m.dailyUSD, monthlyUSD: m.monthlyUSD, overheads, overheadLayersUSD: m.layersUSD,
      monthlyWithOverheadsUSD: m.monthlyWithOverheadsUSD,
      ...(fc ? { forecast: { multiplier: fc.multiplier, factors: fc.factors, monthlyUSD: fc.forecastMonthlyUSD } } : {}),
    }, null, 2) + '\n');
    return EXIT_OK;
  }
  const rows: string[][] = [
    ['Per request', formatUSD(req.totalUSD), `${formatInt(input)} in (${formatInt(cached)} cached) + ${formatInt(output)} out`],
    ['Per day', formatUSD(m.dailyUSD), `${formatInt(requestsPerDay)} requests`],
    ['Per month', formatUSD(m.monthlyUSD), `${days} days`],
  ];
  const layers: [string, number, number][] = [
    ['+ retries', m.layersUSD.retries, overheads.retryPct], ['+ evaluation', m.layersUSD.evaluation, overheads.evalPct],
    ['+ monitoring', m.layersUSD.monitoring, overheads.monitoringPct], ['+ context waste', m.layersUSD.contextWaste, overheads.contextWastePct],
  ];
  for (const [name, usd, pct] of layers) if (pct > 0) rows.push([name, formatUSD(usd), `${pct}%`]);
  if (overheads.fixedMonthlyUSD > 0) rows.push(['+ fixed infrastructure', formatUSD(overheads.fixedMonthlyUSD), 'per month']);
  rows.push(['Per month with overheads', formatUSD(m.monthlyWithOverheadsUSD), '']);
  if (fc) rows.push(['Forecast (multiplier method)', formatUSD(fc.forecastMonthlyUSD), `${fc.multiplier.toFixed(2)}x naive`]);
  io.out(`${model.id} (${model.providerName}${batch ? ', batch' : ''}) · prices per 1M tokens as of ${model.priceDate ?? CATALOG_SOURCE.date} from ${CATALOG_SOURCE.name} ${CATALOG_SOURCE.version}\n\n`);
  io.out(table(['', 'USD', ''], rows, [false, true, false]));
  return EXIT_OK;
}
