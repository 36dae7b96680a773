import { MAX_INDENT, safeBoundaryAtOrAfter, safeBoundaryAtOrBefore } from './boundaries';
import type { RawCount } from './types';

/**
 * Bounded work on long runs (numbers: bench/README-numbers.md).
 *
 * 1. BPE merging inside one pre-tokenizer piece is quadratic in the piece's length (~7 ms for one 1,000-character
 *    Chinese piece, ~80 ms at 4,000). Pieces only get long in runs of one character class: letters and marks (Thai,
 *    Chinese, Japanese without punctuation, 'aaaa…'), symbols ('=====…'), whitespace. Such a run longer than
 *    `longRun` characters is counted in short slices.
 * 2. Text that is not in the vocabulary costs ~0.5–3 µs per character even in short pieces (random base64, random
 *    letters, Hindi). A run without whitespace longer than `sampleAbove` characters (a pasted base64 image, a
 *    minified bundle, a CJK paragraph of over 16k characters) is estimated from `samples` evenly spaced windows,
 *    scaled by length (within ~1–2 % on base64, hex, minified code and JSON).
 * Either sets `sliced: true`: the count is then approximate (a few % at most on the measured inputs). Everything else
 * is counted exactly: base64, hex, minified code and CJK prose up to `sampleAbove` characters without a space split
 * into short pieces and stay exact.
 *
 * To keep `count(a + b) === count(a) + count(b)` at safe boundaries (the chunked counter relies on it) the text around
 * each run, out to the nearest safe boundaries, is counted as a unit whose result only depends on its own text.
 */
export interface SlicingOptions {
  /** Runs of one character class longer than this many UTF-16 units are sliced (at least MAX_INDENT, 64). */
  readonly longRun: number;
  /** Slice length for a slice starting with an ASCII character. */
  readonly sliceAscii: number;
  /** Slice length for other slices (multi-byte characters cost ~3x more to merge). */
  readonly sliceOther: number;
  /** Slice length for a run of one repeated character ('=====', spaces): their tokens are long (128 spaces, 112 '-'). */
  readonly sliceUniform: number;
  /** Runs without whitespace (and runs of one class) longer than this are estimated from samples. */
  readonly sampleAbove: number;
  /** How many evenly spaced windows or slices an estimate counts. */
  readonly samples: number;
  /** Window length (characters) of a sample of a run without whitespace. */
  readonly window: number;
}

export const DEFAULT_SLICING: SlicingOptions = Object.freeze({
  longRun: 256, sliceAscii: 48, sliceOther: 16, sliceUniform: 128, sampleAbove: 16384, samples: 64, window: 512,
});

const runRegexes = new Map<string, RegExp>();

/**
 * Runs without whitespace longer than `huge`, then maximal runs of letters+marks, of symbols, or of whitespace longer
 * than `n`. Linear: each alternative only starts where its class starts (lookbehind).
 */
function longRunRegex(n: number, huge: number): RegExp {
  const key = `${n}/${huge}`;
  let re = runRegexes.get(key);
  if (!re) {
    const min = `{${n + 1},}`;
    const noSpace = Number.isFinite(huge) ? `(?<!\\S)\\S{${huge + 1},}|` : '';
    re = new RegExp(
      `${noSpace}(?<![\\p{L}\\p{M}])[\\p{L}\\p{M}]${min}|(?<![^\\s\\p{L}\\p{N}])[^\\s\\p{L}\\p{N}]${min}|(?<!\\s)\\s${min}`,
      'gu',
    );
    runRegexes.set(key, re);
  }
  return re;
}

/** JavaScript's `\s` (what the split regexes use), on one UTF-16 unit. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Start and end of each long run, in order (see longRunRegex). A plain loop first finds the maximal stretches of
 * whitespace or of non-whitespace longer than `longRun` (every long run lies inside one); the regex only runs there.
 */
export function findLongRuns(text: string, opts: SlicingOptions = DEFAULT_SLICING): [number, number][] {
  const runs: [number, number][] = [];
  const longRun = Math.max(opts.longRun, MAX_INDENT);
  const n = text.length;
  if (n <= longRun) return runs;
  let re: RegExp | undefined;
  let start = 0;
  let space = isSpace(text.charCodeAt(0));
  for (let i = 1; i <= n; i++) {
    const s = i < n ? isSpace(text.charCodeAt(i)) : !space;
    if (s === space) continue;
    if (i - start > longRun) {
      // On the stretch alone: the character before it is of the other kind, so every lookbehind answers the same.
      re ??= longRunRegex(longRun, Math.max(opts.sampleAbove, longRun));
      const stretch = text.slice(start, i);
      re.lastIndex = 0;
      for (let m = re.exec(stretch); m; m = re.exec(stretch)) runs.push([start + m.index, start + m.index + m[0].length]);
    }
    start = i;
    space = s;
  }
  return runs;
}

const MARK = /\p{M}/u;
const WS = /\s/;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** 1 or 2 (UTF-16 units of the character) when text[start, end) repeats one character, else 0. */
function repeatedWidth(text: string, start: number, end: number): number {
  const w = text.codePointAt(start)! > 0xffff ? 2 : 1;
  for (let i = start + w; i < end; i++) if (text.charCodeAt(i) !== text.charCodeAt(start + ((i - start) % w))) return 0;
  return w;
}

/** End of the slice that starts at p: about `len` characters, cutting neither a surrogate pair nor before a mark. */
function sliceEnd(text: string, p: number, end: number, len: number): number {
  let cut = Math.min(end, p + len);
  if (cut < end) {
    const min = p + (len >> 1);
    let c = cut;
    while (c > min && MARK.test(text[c])) c--; // keep a base character with its marks
    if (c > min) cut = c;
    if (isLowSurrogate(text.charCodeAt(cut))) cut--; // never split a surrogate pair
  }
  return cut;
}

/**
 * Estimate of text[start, end) from `samples` evenly spaced pieces of about `len` characters counted by `count`, or
 * the sum over consecutive pieces when those would cover the run anyway.
 */
function sampled(text: string, start: number, end: number, len: number, count: (s: string) => number, opts: SlicingOptions): number {
  const length = end - start;
  let tokens = 0;
  if (opts.samples * len >= length) {
    for (let p = start; p < end; ) {
      const cut = sliceEnd(text, p, end, len);
      tokens += count(text.slice(p, cut));
      p = cut;
    }
    return tokens;
  }
  let chars = 0;
  for (let i = 0; i < opts.samples; i++) {
    let p = start + Math.floor((i * length) / opts.samples);
    if (isLowSurrogate(text.charCodeAt(p))) p++;
    if (p >= end) continue;
    const cut = sliceEnd(text, p, end, len);
    tokens += count(text.slice(p, cut));
    chars += cut - p;
  }
  return chars === 0 ? 0 : Math.max(1, Math.round((tokens * length) / chars));
}

/** Counts one run of a single character class in slices (or samples of slices when it is very long). */
function countClassRun(text: string, start: number, end: number, countExact: (s: string) => number, opts: SlicingOptions): number {
  const length = end - start;
  const w = repeatedWidth(text, start, end);
  if (w > 0) {
    const len = Math.max(w, opts.sliceUniform - (opts.sliceUniform % w));
    const full = Math.floor(length / len);
    const rest = length % len;
    return (full > 0 ? full * countExact(text.slice(start, start + len)) : 0) + (rest > 0 ? countExact(text.slice(end - rest, end)) : 0);
  }
  const sliceLen = (p: number): number => Math.max(2, text.charCodeAt(p) < 0x80 ? opts.sliceAscii : opts.sliceOther);
  if (length > opts.sampleAbove && opts.samples > 0) return sampled(text, start, end, sliceLen(start), countExact, opts);
  let tokens = 0;
  for (let p = start; p < end; ) {
    const cut = sliceEnd(text, p, end, sliceLen(p));
    tokens += countExact(text.slice(p, cut));
    p = cut;
  }
  return tokens;
}

/** Counts one long run: a run without whitespace is sampled by windows, a single-class run is sliced. */
function countRun(text: string, start: number, end: number, countExact: (s: string) => number, opts: SlicingOptions): number {
  const huge = end - start > Math.max(opts.sampleAbove, opts.longRun) && !WS.test(text[start]);
  if (huge && opts.samples > 0 && repeatedWidth(text, start, end) === 0) {
    return sampled(text, start, end, Math.max(opts.window, 2), (s) => countBounded(s, countExact, opts).tokens, opts);
  }
  return countClassRun(text, start, end, countExact, opts);
}

/** Counts with `countExact`, bounding the work on long runs as described above. */
export function countBounded(text: string, countExact: (s: string) => number, opts: SlicingOptions = DEFAULT_SLICING): RawCount {
  const runs = findLongRuns(text, opts);
  if (runs.length === 0) return { tokens: countExact(text), sliced: false };
  const exact = (a: number, b: number): number => (b > a ? countExact(text.slice(a, b)) : 0);
  let tokens = 0;
  let pos = 0;
  let i = 0;
  while (i < runs.length) {
    const segStart = safeBoundaryAtOrBefore(text, runs[i][0]);
    tokens += exact(pos, segStart);
    let segEnd = safeBoundaryAtOrAfter(text, runs[i][1]);
    let j = i + 1;
    while (j < runs.length && runs[j][0] < segEnd) segEnd = Math.max(segEnd, safeBoundaryAtOrAfter(text, runs[j++][1]));
    let p = segStart;
    for (let k = i; k < j; k++) {
      tokens += exact(p, runs[k][0]) + countRun(text, runs[k][0], runs[k][1], countExact, opts);
      p = runs[k][1];
    }
    tokens += exact(p, segEnd);
    pos = segEnd;
    i = j;
  }
  return { tokens: tokens + exact(pos, text.length), sliced: true };
}
