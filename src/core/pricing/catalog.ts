import type { ModelInfo, ModelPrice, Provider } from '@pydantic/genai-prices';
import { suggestClose } from './suggest';
import { CatalogModel, CustomPriceSpec, ModelPrices, Rate, UnknownModelError } from './types';

/**
 * The dated price catalog. Data: @pydantic/genai-prices (MIT), bundled, offline; its remote update is never
 * enabled. The package carries per-model dated prices; CATALOG_SOURCE dates the snapshot as a whole.
 */
export const CATALOG_SOURCE = {
  name: '@pydantic/genai-prices',
  version: '0.1.8',
  /** Publication date of that version on the npm registry: the newest price the snapshot can know. */
  date: '2026-09-23',
} as const;

/** Batch API price as a fraction of standard, per provider (documented batch discounts; the catalog has none). */
const BATCH_MULTIPLIER: Record<string, number> = {
  openai: 0.5, azure: 0.5, anthropic: 0.5, google: 0.5, mistral: 0.5, aws: 0.5, groq: 0.5, together: 0.5,
};

/** Other spellings people use for a provider. */
const PROVIDER_ALIASES: Record<string, string> = {
  gemini: 'google', vertex: 'google', 'vertex-ai': 'google', 'google-vertex': 'google', googleai: 'google',
  xai: 'x-ai', grok: 'x-ai', bedrock: 'aws', 'aws-bedrock': 'aws', 'azure-openai': 'azure', 'together-ai': 'together',
  claude: 'anthropic', 'mistral-ai': 'mistral', mistralai: 'mistral', moonshot: 'moonshotai',
};

/** Vendors tried first for a bare id, so `gpt-4o` is OpenAI's and not a reseller's. */
const FIRST_PARTY = ['openai', 'anthropic', 'google', 'mistral', 'x-ai', 'deepseek', 'cohere', 'moonshotai', 'zhipuai', 'minimax'];

type GenaiModule = typeof import('@pydantic/genai-prices');

export interface ResolveOptions {
  readonly customModels?: Readonly<Record<string, CustomPriceSpec>>;
  readonly priceOverrides?: Readonly<Record<string, CustomPriceSpec>>;
  /** Prices in force on this date (default: today). */
  readonly asOf?: Date;
}

export class Catalog {
  private readonly cache = new Map<string, CatalogModel | null>();
  private allIds: string[] | undefined;

  constructor(
    private readonly genai: GenaiModule,
    readonly providers: readonly Provider[],
  ) {}

  /** Resolves a model id: bare (`gpt-4o`: its own vendor), `provider:model` or `provider/model` (a reseller). */
  resolve(rawId: string, options: ResolveOptions = {}): CatalogModel {
    const id = rawId.trim();
    if (!id) throw new UnknownModelError(rawId, [], 'empty model id');
    const custom = lookupCustom(options.customModels, id);
    if (custom) return fromCustom(id, custom);
    const found = this.find(id, options.asOf ?? new Date());
    if (!found) throw new UnknownModelError(id, suggestClose(id, this.ids()));
    const override = lookupCustom(options.priceOverrides, id) ?? lookupCustom(options.priceOverrides, found.id);
    return override ? applyOverride(found, override) : found;
  }

  /** Every model, each with its price in force on `asOf`. */
  list(asOf = new Date()): CatalogModel[] {
    const out: CatalogModel[] = [];
    for (const p of this.providers) {
      for (const m of p.models) {
        const model = this.toModel(p, m, asOf);
        if (model) out.push(model);
      }
    }
    return out;
  }

  private ids(): string[] {
    if (!this.allIds) {
      const ids = new Set<string>();
      for (const p of this.providers) for (const m of p.models) {
        ids.add(m.id);
        ids.add(`${p.id}:${m.id}`);
      }
      this.allIds = [...ids];
    }
    return this.allIds;
  }

  private find(id: string, asOf: Date): CatalogModel | undefined {
    const key = `${id}@${asOf.toISOString().slice(0, 10)}`;
    if (this.cache.has(key)) return this.cache.get(key) ?? undefined;
    let result: CatalogModel | undefined;
    const qualified = splitProvider(id, (p) => this.providers.some((x) => x.id === p));
    if (qualified) {
      result = this.match(qualified.model, qualified.provider, asOf);
    } else {
      result = this.match(id, undefined, asOf);
      for (const p of [...FIRST_PARTY, ...this.providers.map((x) => x.id)]) {
        if (result) break;
        result = this.match(id, p, asOf);
      }
    }
    this.cache.set(key, result ?? null);
    return result;
  }

  private match(modelId: string, providerId: string | undefined, asOf: Date): CatalogModel | undefined {
    let calc;
    try {
      calc = this.genai.calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, { providerId, timestamp: asOf });
    } catch {
      return undefined;
    }
    if (!calc) return undefined;
    return this.toModel(calc.provider, calc.model, asOf);
  }

  private toModel(p: Provider, m: ModelInfo, asOf: Date): CatalogModel | undefined {
    const picked = activePrice(m, asOf);
    if (!picked) return undefined;
    const prices = toPrices(picked.price, BATCH_MULTIPLIER[p.id]);
    if (!prices) return undefined;
    return {
      id: m.id, name: m.name, provider: p.id, providerName: p.name, prices, priceDate: picked.date,
      contextWindow: m.context_window, deprecated: m.deprecated, source: 'genai-prices',
    };
  }
}

let catalogPromise: Promise<Catalog> | undefined;

/** Loads the bundled catalog once, lazily (the data is ~0.5 MB of JS: kept off start-up paths). */
export function loadCatalog(): Promise<Catalog> {
  catalogPromise ??= (async () => {
    const genai = await import('@pydantic/genai-prices');
    const providers = (await genai.waitForUpdate()) ?? [];
    return new Catalog(genai, providers);
  })();
  return catalogPromise;
}

function splitProvider(id: string, known: (p: string) => boolean): { provider: string; model: string } | undefined {
  const m = /^([A-Za-z0-9_.-]+)[:/](.+)$/.exec(id);
  if (!m) return undefined;
  const raw = m[1].toLowerCase();
  const provider = PROVIDER_ALIASES[raw] ?? raw;
  return known(provider) ? { provider, model: m[2] } : undefined;
}

function lookupCustom(map: Readonly<Record<string, CustomPriceSpec>> | undefined, id: string): CustomPriceSpec | undefined {
  if (!map) return undefined;
  if (Object.prototype.hasOwnProperty.call(map, id)) return map[id];
  const lower = id.toLowerCase();
  const key = Object.keys(map).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : map[key];
}

function fromCustom(id: string, spec: CustomPriceSpec): CatalogModel {
  if (spec.input === undefined || spec.output === undefined) {
    throw new UnknownModelError(id, [], 'a custom model needs both "input" and "output" prices in USD per 1M tokens');
  }
  return {
    id, provider: spec.provider ?? 'custom', providerName: 'Custom', source: 'custom',
    prices: {
      input: spec.input, output: spec.output, cachedInput: spec.cachedInput, cacheWrite: spec.cacheWrite,
      batchMultiplier: spec.batchDiscountPct === undefined ? undefined : 1 - spec.batchDiscountPct / 100,
    },
  };
}

function applyOverride(model: CatalogModel, spec: CustomPriceSpec): CatalogModel {
  const p = model.prices;
  return {
    ...model,
    source: 'override',
    prices: {
      ...p,
      input: spec.input ?? p.input,
      output: spec.output ?? p.output,
      cachedInput: spec.cachedInput ?? p.cachedInput,
      cacheWrite: spec.cacheWrite ?? p.cacheWrite,
      batchMultiplier: spec.batchDiscountPct === undefined ? p.batchMultiplier : 1 - spec.batchDiscountPct / 100,
    },
  };
}

/**
 * The price row in force on `asOf`'s day: the latest start-date row that has begun (else the undated row). Rows that
 * apply only at certain times of day (peak surcharges, off-peak discounts) are blended in by the share of the day they
 * cover, i.e. assuming traffic spread evenly over the day.
 */
function activePrice(m: ModelInfo, asOf: Date): { price: ModelPrice; date?: string } | undefined {
  if (!Array.isArray(m.prices)) return { price: m.prices };
  const day = asOf.toISOString().slice(0, 10);
  let best: { price: ModelPrice; date?: string } | undefined;
  const windows: { share: number; price: ModelPrice }[] = [];
  for (const c of m.prices) {
    const con = c.constraint;
    if (!con) {
      if (!best) best = { price: c.prices };
    } else if (con.type === 'start_date') {
      if (con.start_date <= day && (!best?.date || con.start_date >= best.date)) best = { price: c.prices, date: con.start_date };
    } else {
      windows.push({ share: dayShare(con.start_time, con.end_time), price: c.prices });
    }
  }
  if (!best || windows.length === 0) return best;
  const rest = Math.max(0, 1 - windows.reduce((a, w) => a + w.share, 0));
  const blended: ModelPrice = {};
  for (const key of Object.keys(best.price)) {
    const parts = [{ share: rest, v: best.price[key] }, ...windows.map((w) => ({ share: w.share, v: w.price[key] ?? best!.price[key] }))];
    if (parts.every((x) => typeof x.v === 'number')) blended[key] = parts.reduce((a, x) => a + x.share * (x.v as number), 0);
    else blended[key] = parts.map((x) => x.v).reduce((a, v) => (baseRate(v) > baseRate(a) ? v : a)); // tiered: the dearest
  }
  return { price: blended, date: best.date };
}

/** Share of a day between two `HH:MM:SS(Z|±HH:MM)` times (wrapping past midnight). */
function dayShare(start: string, end: string): number {
  const secs = (t: string): number => {
    const x = /^(\d{2}):(\d{2}):(\d{2})/.exec(t);
    return x ? Number(x[1]) * 3600 + Number(x[2]) * 60 + Number(x[3]) : 0;
  };
  const d = (secs(end) - secs(start) + 86400) % 86400;
  return d / 86400;
}

function baseRate(v: ModelPrice[string]): number {
  return v === undefined ? -1 : typeof v === 'number' ? v : v.base;
}

function toRate(v: ModelPrice[string]): Rate | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  return { base: v.base, tiers: [...v.tiers].sort((a, b) => a.start - b.start).map((t) => ({ startTokens: t.start, rate: t.price })) };
}

function toPrices(p: ModelPrice, batchMultiplier: number | undefined): ModelPrices | undefined {
  const input = toRate(p.input_mtok);
  const output = toRate(p.output_mtok);
  if (input === undefined || output === undefined) return undefined; // not a text model (audio, images, search)
  return {
    input, output,
    cachedInput: toRate(p.cache_read_mtok),
    cacheWrite: toRate(p.cache_write_mtok),
    cacheWrite1h: toRate(p.cache_write_1h_mtok),
    requestFeeUSD: typeof p.requests_kcount === 'number' ? p.requests_kcount / 1000 : undefined,
    batchMultiplier,
  };
}
