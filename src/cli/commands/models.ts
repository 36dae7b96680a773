import { formatUSD } from '../../core/format/numbers';
import { CATALOG_SOURCE, loadCatalog } from '../../core/pricing/catalog';
import type { Rate } from '../../core/pricing/types';
import { profileForModel } from '../../core/tokenizer/index';
import { parse, str } from '../args';
import { CliIO, EXIT_OK } from '../io';
import { table } from '../table';

export const MODELS_HELP = `Usage: prompt-cost models [--search TEXT] [--json] [--all]

Lists the price catalog: id, vendor, USD per 1M tokens (input, cached input, cache write, output), batch, the
tokenizer used and whether counts are exact. Deprecated models are hidden unless --all.
`;

const show = (r: Rate | undefined): string => (r === undefined ? '-' : typeof r === 'number' ? formatUSD(r) : `${formatUSD(r.base)}+`);

export async function modelsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { search: { type: 'string' }, json: { type: 'boolean' }, all: { type: 'boolean' } });
  if (values.help) {
    io.out(MODELS_HELP);
    return EXIT_OK;
  }
  const q = str(values, 'search')?.toLowerCase();
  const catalog = await loadCatalog();
  const models = catalog
    .list()
    .filter((m) => values.all || !m.deprecated)
    .filter((m) => !q || `${m.provider}:${m.id} ${m.name ?? ''}`.toLowerCase().includes(q))
    .map((m) => ({ ...m, tokenizer: profileForModel(m.id, m.provider) }));
  if (values.json) {
    io.out(JSON.stringify({
      source: CATALOG_SOURCE,
      models: models.map((m) => ({
        id: m.id, provider: m.provider, name: m.name ?? null, priceDate: m.priceDate ?? null, deprecated: m.deprecated ?? false,
        pricesPerMTok: m.prices, tokenizer: m.tokenizer.encoding, exact: m.tokenizer.exact, estimateFactor: m.tokenizer.factor, errorPct: m.tokenizer.errorPct,
      })),
    }, null, 2) + '\n');
    return EXIT_OK;
  }
  const rows = models.map((m) => [
    m.id, m.provider, show(m.prices.input), show(m.prices.cachedInput), show(m.prices.cacheWrite), show(m.prices.output),
    m.prices.batchMultiplier === undefined ? '-' : `${Math.round((1 - m.prices.batchMultiplier) * 100)}% off`,
    m.tokenizer.exact ? `${m.tokenizer.encoding} exact` : `≈ ±${m.tokenizer.errorPct}%`,
  ]);
  io.out(`${models.length} models · USD per 1M tokens · ${CATALOG_SOURCE.name} ${CATALOG_SOURCE.version} (${CATALOG_SOURCE.date}); + marks long-context tiers\n\n`);
  io.out(table(['model', 'vendor', 'input', 'cached', 'cache write', 'output', 'batch', 'tokens'], rows, [false, false, true, true, true, true, false, false]));
  return EXIT_OK;
}
