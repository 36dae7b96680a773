import { BOM_SELF_TEST, installBomFix } from './bom';
import { installFastPath } from './fastpath';
import { countBounded, DEFAULT_SLICING, SlicingOptions } from './slicing';
import type { EncodingName, RawCount, Tokenizer } from './types';

/**
 * The shipped engine: gpt-tokenizer (pure JS, ~7x faster than js-tiktoken here, see bench/README-numbers.md) behind
 * the `Tokenizer` interface, with the fixes of bom.ts (exact U+FEFF) and fastpath.ts (speed).
 * Each encoding's module, with its rank table (~2 MB for o200k_base), is imported on first use only, once.
 */

/** The library's options for ordinary mode: no special token is recognised, none is refused, text counts as text. */
const ORDINARY = Object.freeze({ disallowedSpecial: new Set<string>() });

const IMPORTERS: Readonly<Record<EncodingName, () => Promise<unknown>>> = {
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
};

export const ENCODINGS: readonly EncodingName[] = Object.freeze(['o200k_base', 'cl100k_base']);

interface EncoderApi {
  countTokens(text: string, options?: typeof ORDINARY): number;
}

/** The library's encoder object, whichever way the bundler or loader wrapped the module. */
function encoderOf(mod: unknown): EncoderApi {
  const m = mod as { default?: unknown; countTokens?: unknown };
  for (const c of [m.default, (m.default as { default?: unknown } | undefined)?.default, m]) {
    if (c && typeof (c as EncoderApi).countTokens === 'function' && 'bytePairEncodingCoreProcessor' in (c as object)) return c as EncoderApi;
  }
  if (typeof m.countTokens === 'function') return m as EncoderApi;
  throw new Error('gpt-tokenizer: unexpected module shape');
}

export interface GptTokenizer extends Tokenizer {
  /** Ordinary-mode count of the whole text, no slicing (quadratic on very long single pieces). */
  countExact(text: string): number;
  /** True when the U+FEFF correction is installed and checked, i.e. text with U+FEFF counts exactly. */
  readonly bomExact: boolean;
  /** True when the ASCII fast path and the smaller merge cache (fastpath.ts) are installed. */
  readonly fastPath: boolean;
}

/** Wraps a loaded encoding module. Exported for tests and the benchmark; use `loadTokenizer`. */
export function createTokenizer(encoding: EncodingName, mod: unknown, slicing: SlicingOptions = DEFAULT_SLICING): GptTokenizer {
  const api = encoderOf(mod);
  const countExact = (text: string): number => (text.length === 0 ? 0 : api.countTokens(text, ORDINARY));
  const bomExact = installBomFix(api, encoding) && BOM_SELF_TEST[encoding].every(([t, n]) => countExact(t) === n);
  const fastPath = installFastPath(api);
  return {
    encoding,
    bomExact,
    fastPath,
    countExact,
    count(text: string): RawCount {
      const r = countBounded(text, countExact, slicing);
      return bomExact || !text.includes('\uFEFF') ? r : { ...r, exact: false };
    },
  };
}

const pending = new Map<EncodingName, Promise<Tokenizer>>();
const loaded = new Map<EncodingName, Tokenizer>();

/** Loads an encoding on first call and caches it; later calls return the same promise. Nothing loads at import time. */
export function loadTokenizer(encoding: EncodingName): Promise<Tokenizer> {
  let p = pending.get(encoding);
  if (!p) {
    const importer = IMPORTERS[encoding];
    if (!importer) return Promise.reject(new Error(`unknown encoding '${String(encoding)}'`));
    p = importer().then((mod) => {
      const t = createTokenizer(encoding, mod);
      loaded.set(encoding, t);
      return t;
    });
    pending.set(encoding, p);
    p.catch(() => pending.delete(encoding)); // a failed load may be retried
  }
  return p;
}

/** The tokenizer if `loadTokenizer(encoding)` has finished, for synchronous callers (editor decorations). */
export function getLoadedTokenizer(encoding: EncodingName): Tokenizer | undefined {
  return loaded.get(encoding);
}
