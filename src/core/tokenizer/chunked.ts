import { isSafeBoundary } from './boundaries';
import { applyProfile, stripBom } from './count';
import type { RawCount, TokenCount, Tokenizer, TokenizerProfile } from './types';

/**
 * Incremental counting for editors: the text is cut at safe boundaries (boundaries.ts), each chunk's count is cached
 * by the chunk's text in a bounded LRU map, and the counts are summed. Because no pre-tokenizer piece crosses a safe
 * boundary, and slicing (slicing.ts) treats the text between safe boundaries as a unit, the sum equals
 * `tokenizer.count(text)` exactly. After a one-line edit only the chunk holding the line is counted again.
 *
 * Chunks are content-defined: a safe boundary ends a chunk when a hash of the line that starts there has its low
 * `level` bits zero (level 0: every safe boundary). Editing one line moves no other chunk boundary, so every other
 * chunk is still a cache hit. `level` grows with the text size so that big files keep fewer, larger chunks.
 */

export interface ChunkedCounterOptions {
  /** Most chunk counts kept (least recently used dropped first). Default 8192. */
  readonly maxEntries?: number;
  /** Most characters of chunk text kept as cache keys. Default 16 Mi. */
  readonly maxChars?: number;
  /** Texts up to this many characters use one chunk per safe boundary; each doubling adds a level. Default 128 Ki. */
  readonly levelSpan?: number;
}

export interface ChunkedStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly chars: number;
}

/** The chunk level used for a text of `length` characters. */
export function chunkLevel(length: number, levelSpan: number): number {
  let level = 0;
  while (length > levelSpan * 2 ** level && level < 16) level++;
  return level;
}

/** FNV-1a over the first characters of the line starting at `p`. */
function lineHash(text: string, p: number): number {
  let h = 0x811c9dc5;
  const end = Math.min(text.length, p + 48);
  for (let i = p; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** End offsets of the chunks of `text` at `level` (the last one is text.length). */
export function chunkEnds(text: string, level: number): number[] {
  const ends: number[] = [];
  const mask = (1 << level) - 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl + 1 < text.length; nl = text.indexOf('\n', nl + 1)) {
    const p = nl + 1;
    if (isSafeBoundary(text, p) && (mask === 0 || (lineHash(text, p) & mask) === 0)) ends.push(p);
  }
  ends.push(text.length);
  return ends;
}

/** A copy of `s` that does not keep its parent string alive (V8 substrings point into the parent). */
function detached(s: string): string {
  return s.length < 16 ? s : (' ' + s).slice(1);
}

interface Entry {
  /** The detached copy of the chunk text that is the map key. */
  readonly key: string;
  readonly count: RawCount;
  /** Tick of the last use, for least-recently-used eviction. */
  used: number;
}

export class ChunkedCounter {
  private readonly cache = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private readonly levelSpan: number;
  private chars = 0;
  private hits = 0;
  private misses = 0;
  private tick = 0;

  constructor(readonly tokenizer: Tokenizer, options: ChunkedCounterOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 8192);
    this.maxChars = Math.max(1, options.maxChars ?? 16 * 1024 * 1024);
    this.levelSpan = Math.max(1024, options.levelSpan ?? 128 * 1024);
  }

  /** Same result as `tokenizer.count(text)`; only chunks not seen recently are counted. */
  count(text: string): RawCount {
    let tokens = 0;
    let sliced = false;
    let exact = true;
    let start = 0;
    for (const end of chunkEnds(text, chunkLevel(text.length, this.levelSpan))) {
      if (end === start) continue;
      const r = this.countChunk(text.slice(start, end));
      tokens += r.tokens;
      sliced ||= r.sliced;
      if (r.exact === false) exact = false;
      start = end;
    }
    return exact ? { tokens, sliced } : { tokens, sliced, exact };
  }

  /** Like `countWith(tokenizer, text, profile)` (leading BOM dropped, family factor applied), counted by chunks. */
  countWith(text: string, profile: TokenizerProfile): TokenCount {
    return applyProfile(this.count(stripBom(text)), this.tokenizer.encoding, profile);
  }

  get stats(): ChunkedStats {
    return { hits: this.hits, misses: this.misses, entries: this.cache.size, chars: this.chars };
  }

  clear(): void {
    this.cache.clear();
    this.chars = 0;
  }

  private countChunk(chunk: string): RawCount {
    const cached = this.cache.get(chunk);
    if (cached) {
      this.hits++;
      cached.used = ++this.tick;
      return cached.count;
    }
    this.misses++;
    const r = this.tokenizer.count(chunk);
    if (chunk.length <= this.maxChars) {
      const key = detached(chunk);
      this.cache.set(key, { key, count: r, used: ++this.tick });
      this.chars += chunk.length;
      if (this.cache.size > this.maxEntries || this.chars > this.maxChars) this.evict();
    }
    return r;
  }

  /**
   * Drops the least recently used quarter in one batch. (A `Map` kept in use order by delete-and-set, evicting with
   * `keys().next()`, gets slow in V8 once full: every eviction skips all the deleted slots at the front.)
   */
  private evict(): void {
    const byAge = [...this.cache.values()].sort((a, b) => a.used - b.used);
    for (const e of byAge) {
      if (this.cache.size <= Math.floor(this.maxEntries * 0.75) && this.chars <= this.maxChars * 0.75) break;
      this.cache.delete(e.key);
      this.chars -= e.key.length;
    }
  }
}
