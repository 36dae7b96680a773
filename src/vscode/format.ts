import type { AnalyzedPrompt } from '../core/audit/analyze';
import { overrideFor } from '../core/audit/overrides';
import type { Settings } from '../core/config/schema';
import { formatInt, formatRate, formatUSD } from '../core/format/numbers';
import type { Catalog } from '../core/pricing/catalog';
import { UnknownModelError } from '../core/pricing/types';
import { SECTION } from './settings';

/** The CodeLens line, as the core's formatLens writes it: `1,240 tokens · $0.0031/req · $2,790/mo @ 30k/day · gpt-4o`. */
export function lensTitle(a: AnalyzedPrompt): string {
  const tokens = `${a.exact ? '' : '≈'}${formatInt(a.tokens)} tokens`;
  return `${tokens} · ${formatUSD(a.request?.totalUSD ?? 0)}/req · ${formatUSD(a.monthly?.monthlyUSD ?? 0)}/mo @ ${formatRate(a.requestsPerDay)}/day · ${a.modelId}`;
}

export type ValueSource = 'inline' | 'override' | 'call site' | 'file' | 'settings';

/** Where the prompt's model came from (inline annotation > per-glob override > call-site literal > settings). */
export function modelSource(a: AnalyzedPrompt, settings: Settings, fileSetsModel: boolean): ValueSource {
  if (a.inline?.model !== undefined) return 'inline';
  if (overrideFor(settings, a.path)?.model !== undefined) return 'override';
  if (a.prompt.model !== undefined) return 'call site';
  return fileSetsModel ? 'file' : 'settings';
}

/** Where the prompt's traffic came from. */
export function trafficSource(a: AnalyzedPrompt, settings: Settings, fileSetsTraffic: boolean): ValueSource {
  if (a.inline?.requestsPerDay !== undefined) return 'inline';
  if (overrideFor(settings, a.path)?.requestsPerDay !== undefined) return 'override';
  return fileSetsTraffic ? 'file' : 'settings';
}

/** Where the output-token assumption came from. */
export function outputSource(a: AnalyzedPrompt, settings: Settings): ValueSource {
  if (a.inline?.outputTokens !== undefined) return 'inline';
  if (overrideFor(settings, a.path)?.outputTokens !== undefined) return 'override';
  return 'settings';
}

/** A source in words, naming the setting for settings. */
export function sourceText(s: ValueSource, key: string): string {
  switch (s) {
    case 'inline': return 'the inline `prompt-cost:` annotation';
    case 'override': return `an override for this file (${SECTION}.overrides)`;
    case 'call site': return 'the model named at the call site';
    case 'file': return `.promptcost.json "${key}"`;
    default: return `${SECTION}.${key}`;
  }
}

/** The lens line of a prompt whose model is unknown: names where the model came from and close matches. */
export function unknownModelTitle(a: AnalyzedPrompt, settings: Settings, catalog: Catalog, fileSetsModel: boolean): string {
  let close: readonly string[] = [];
  try {
    catalog.resolve(a.modelId, settings);
  } catch (e) {
    if (e instanceof UnknownModelError) close = e.suggestions.slice(0, 3);
  }
  const where = sourceText(modelSource(a, settings, fileSetsModel), 'model').replace(/`/g, '');
  return `Prompt Cost Lens: unknown model '${a.modelId}' in ${where}${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`;
}

/** `$2.50 in · $10.00 out per 1M` (tiered rates show their base). */
export function priceText(prices: { input: unknown; output: unknown }): string {
  const r = (v: unknown) => (typeof v === 'number' ? v : (v as { base: number }).base);
  return `$${trimPrice(r(prices.input))} in · $${trimPrice(r(prices.output))} out per 1M`;
}

function trimPrice(n: number): string {
  return n >= 1 ? n.toFixed(2) : n.toFixed(n >= 0.1 ? 3 : 4).replace(/0+$/, '').replace(/\.$/, '');
}
