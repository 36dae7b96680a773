/**
 * Speed fixes for gpt-tokenizer 4.0.0, installed on the library's encoder object next to the U+FEFF fix (bom.ts).
 *
 * 1. ASCII pieces that are not a token by themselves (identifiers, base64, hex, random strings) go through the
 *    library's byte-level BPE, which allocates a typed-array view and runs a `TextDecoder` for every rank lookup:
 *    ~2–5 µs per piece, so a 1 MB base64 blob took over a second. For an ASCII piece bytes and characters coincide, so
 *    the same merge loop (same ranks, same leftmost tie-break, same output) runs here on the string, with the
 *    library's own string→rank map: ~10x faster. Other pieces take the library's path unchanged.
 * 2. The library's merge cache is a `Map` used as an LRU that evicts with `keys().next()`; once it is full, V8 has to
 *    skip every deleted slot at the front, and at the default 100,000 entries each eviction costs ~30 µs and more
 *    (a second pass over 1 MB of base64 took 15 s). It is replaced by a two-generation cache (GenerationalCache)
 *    that never iterates, used by both paths.
 * Both are checked when installed: the fast path must give the library's own results on sample pieces, else nothing
 * is changed.
 */

/** Entries per generation of the merge cache (at most twice as many are kept). */
export const CACHE_GENERATION = 32_768;

/**
 * A bounded cache without per-entry bookkeeping: new entries go to the young generation; when it is full it becomes
 * the old one and the previous old one is dropped. A hit in the old generation is copied to the young one. It has
 * the `Map` methods gpt-tokenizer calls on its merge cache.
 */
export class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly generation: number) {}

  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: string, value: V): this {
    this.young.set(key, value);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    return this;
  }

  delete(key: string): boolean {
    const a = this.young.delete(key);
    return this.old.delete(key) || a;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  keys(): IterableIterator<string> {
    return [...this.old.keys(), ...this.young.keys()][Symbol.iterator]();
  }
}

/** Pieces longer than this keep the library's path (the slicing in slicing.ts keeps pieces short anyway). */
const MAX_FAST = 512;

/** Byte-pair merge of an ASCII piece, as gpt-tokenizer's `bytePairMerge` does it on bytes. Returns token ranks. */
export function mergeAscii(piece: string, rank: (s: string) => number | undefined): number[] {
  const n = piece.length;
  const starts: number[] = new Array(n + 1);
  const ranks: number[] = new Array(n + 1);
  for (let i = 0; i <= n; i++) starts[i] = i;
  for (let i = 0; i < n - 1; i++) ranks[i] = rank(piece.substring(i, i + 2)) ?? Infinity;
  ranks[n - 1] = Infinity;
  ranks[n] = Infinity;
  const pairRank = (i: number): number => (i + 2 < starts.length ? rank(piece.substring(starts[i], starts[i + 2])) ?? Infinity : Infinity);
  while (starts.length > 1) {
    let lowest = Infinity;
    let at = -1;
    for (let i = 0; i < ranks.length - 1; i++) {
      if (ranks[i] < lowest) {
        lowest = ranks[i];
        at = i;
      }
    }
    if (at === -1) break;
    starts.splice(at + 1, 1);
    ranks.splice(at, 1);
    ranks[at] = pairRank(at);
    if (at > 0) ranks[at - 1] = pairRank(at - 1);
  }
  const out: number[] = new Array(starts.length - 1);
  for (let i = 0; i < starts.length - 1; i++) {
    const r = rank(piece.substring(starts[i], starts[i + 1]));
    if (r === undefined) throw new Error('gpt-tokenizer fast path: no rank for an ASCII part');
    out[i] = r;
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

interface CoreInternals {
  bytePairEncode(input: string): number[];
  bytePairStringRankEncoder: Map<string, number>;
  mergeCache?: Map<string, number[]> | GenerationalCache<number[]>;
  __pclFastPath?: boolean;
}

/** Sample pieces the fast path must encode exactly as the library does. */
const SAMPLES = ['xQz9', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Lorem', 'ipsumdolorsit', ' zzzyzzx', 'QkFTRTY0', '0xDEADBEEF', '=-=-=-=-', '))}}]];;', 'qwertyuiopasdfghjkl'];

/** Installs the ASCII fast path and the merge cache. Returns false (and changes nothing) on a library it does not know. */
export function installFastPath(api: unknown): boolean {
  const core = (api as { bytePairEncodingCoreProcessor?: Partial<CoreInternals> } | null)?.bytePairEncodingCoreProcessor;
  const setSize = (api as { setMergeCacheSize?: unknown } | null)?.setMergeCacheSize;
  if (!core || typeof core.bytePairEncode !== 'function' || !(core.bytePairStringRankEncoder instanceof Map)) return false;
  if (core.__pclFastPath) return true;
  if (typeof setSize !== 'function' || !(core.mergeCache === undefined || core.mergeCache instanceof Map)) return false;
  const map = core.bytePairStringRankEncoder;
  const rank = (s: string): number | undefined => map.get(s);
  const original = core.bytePairEncode;
  try {
    for (const s of SAMPLES) if (mergeAscii(s, rank).join() !== original.call(core, s).join()) return false;
  } catch {
    return false;
  }
  const cache = new GenerationalCache<number[]>(CACHE_GENERATION);
  core.bytePairEncode = function (this: CoreInternals, input: string): number[] {
    if (input.length > 1 && input.length <= MAX_FAST && ASCII.test(input)) {
      let r = cache.get(input);
      if (r === undefined) cache.set(input, (r = mergeAscii(input, rank)));
      return r;
    }
    return original.call(this, input);
  };
  // The library evicts only when its cache reaches its size limit: make that never happen; the generations bound it.
  (setSize as (n: number) => void).call(api, Number.MAX_SAFE_INTEGER);
  core.mergeCache = cache;
  core.__pclFastPath = true;
  return true;
}
