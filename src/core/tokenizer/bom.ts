import type { EncodingName } from './types';

/**
 * The U+FEFF correction for gpt-tokenizer 4.0.0.
 *
 * gpt-tokenizer looks up a byte sequence's rank by decoding it with a `TextDecoder` that drops a leading byte-order
 * mark, so every byte sequence that starts with EF BB BF (U+FEFF in UTF-8) is looked up as the rest of itself: the
 * BPE merge then uses wrong ranks (or none) and the count differs from tiktoken inside any pre-tokenizer piece that
 * contains U+FEFF ('\uFEFF' alone is 2 tokens instead of 1, '\uFEFF\uFEFF' 4 instead of 1 in o200k_base). It is not
 * a flat "+1 per U+FEFF". The fix answers those lookups from the complete list of such tokens below; every other
 * lookup goes to the library unchanged. Pieces without U+FEFF never reach this code.
 */

const BOM = '\xEF\xBB\xBF';

/**
 * Every token whose bytes start with EF BB BF, as (rest of the bytes as a latin-1 string, rank). Derived from the
 * rank tables (test/unit/tokenizer.engine.test.ts re-derives and compares it). `' \uFEFF'` is a token too but starts
 * with a space, so the library finds it.
 */
const BOM_TOKENS: Readonly<Record<EncodingName, readonly (readonly [string, number])[]>> = {
  o200k_base: [
    ['', 5574], ['using', 9251], ['\n\n', 42295], ['namespace', 44173], ['\n', 61992],
    ['\xEC\xB6\x9C\xEC\x9E\xA5\xEC\x95\x88\xEB\xA7\x88', 67837], ['//', 76234], ['#', 110862], [BOM, 135153],
  ],
  cl100k_base: [
    ['', 3305], ['using', 4117], ['namespace', 18706], ['//', 35866], ['#', 43372], ['\n', 62619], ['/*\n', 82823], ['\n\n', 98933],
  ],
};

/** The BOM-prefixed tokens of an encoding as (byte values, rank), for tests and tools. */
export function bomTokens(encoding: EncodingName): [number[], number][] {
  return BOM_TOKENS[encoding].map(([rest, rank]) => [[...(BOM + rest)].map((c) => c.charCodeAt(0)), rank]);
}

interface RankLookup {
  getBpeRankFromBytes(key: Uint8Array): number | undefined;
  __pclBomFix?: EncodingName;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/**
 * Installs the correction on the library's encoder object (`GptEncoding` instance of the encoding module).
 * Returns false when the library's internals are not the expected ones: the caller then flags counts of text with
 * U+FEFF as approximate instead of exact.
 */
export function installBomFix(api: unknown, encoding: EncodingName): boolean {
  const core = (api as { bytePairEncodingCoreProcessor?: Partial<RankLookup> } | null)?.bytePairEncodingCoreProcessor;
  if (!core || typeof core.getBpeRankFromBytes !== 'function') return false;
  if (core.__pclBomFix === encoding) return true;
  if (core.__pclBomFix !== undefined) return false;
  const ranks = new Map(BOM_TOKENS[encoding].map(([rest, rank]) => [BOM + rest, rank]));
  const original = core.getBpeRankFromBytes;
  core.getBpeRankFromBytes = function (this: RankLookup, key: Uint8Array): number | undefined {
    if (key.length >= 3 && key[0] === 0xef && key[1] === 0xbb && key[2] === 0xbf) return ranks.get(latin1(key));
    return original.call(this, key);
  };
  core.__pclBomFix = encoding;
  // Anything the library cached before the fix may hold a wrong merge.
  (api as { clearMergeCache?: () => void }).clearMergeCache?.();
  return true;
}

/** Known counts (from tiktoken) that only come out right with the correction in place. */
export const BOM_SELF_TEST: Readonly<Record<EncodingName, readonly (readonly [string, number])[]>> = {
  o200k_base: [['\uFEFF', 1], ['\uFEFF\uFEFF', 1], ['x\uFEFFusing y', 3]],
  cl100k_base: [['\uFEFF', 1], ['\uFEFF\uFEFF', 2], ['x\uFEFFusing y', 3]],
};
