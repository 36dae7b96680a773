/** Tokens shared by the per-language lexers, and escape decoding. */
import type { TemplateSyntax } from '../types';
import { ID_DOLLAR, ID_NO_DOLLAR, opCode, scanIdent, scanNumber, VALUES } from './lexChars';

export type Lang = 'python' | 'typescript' | 'javascript' | 'go' | 'java' | 'kotlin';

export type TokKind = 'str' | 'id' | 'op' | 'num' | 'open' | 'close' | 'nl' | 'jsx';

export interface Token {
  k: TokKind;
  /** Identifier or operator text; for a string, its decoded value; for JSX text, the trimmed text. */
  v: string;
  /** Raw span of the token. */
  s: number;
  e: number;
  /** Strings and JSX text: span of the contents (inside the quotes). */
  cs?: number;
  ce?: number;
  /** Strings: template syntax the literal itself implies (f-string, JS template with ${}, Kotlin $x). */
  tpl?: TemplateSyntax;
  /** Strings: Python prefix letters, 'text-block' (Java), 'raw' (Go/Kotlin raw), 'template' (JS backtick), 'char'. */
  form?: string;
  /** JSX text: the enclosing element's tag name. */
  tag?: string;
}

const OP_WINDOW = new Uint8Array(8);

/** Reads the operator at `i` (at least one character). */
export function readOp(src: string, i: number): string {
  const c = src.charCodeAt(i);
  if (c >= 128) return src[i];
  // the next characters as opCode() reads them (any character >= 128 or past the end is none of its operators)
  for (let k = 0; k < 4; k++) {
    const d = src.charCodeAt(i + k);
    OP_WINDOW[k] = d < 128 ? d : 0;
  }
  return VALUES[opCode(OP_WINDOW, 0, c) - 1];
}

export const isIdStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 0xaa && c !== 0xfeff && c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000);
export const isIdPart = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isWs = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

/** Reads an identifier (or keyword) at `i`; `$` counts as a letter unless `dollar` is false (Python, Go). */
export function readIdent(src: string, i: number, dollar: boolean): number {
  return scanIdent(src, i, dollar ? ID_DOLLAR : ID_NO_DOLLAR);
}

/** Reads a number literal loosely (digits, letters, dots, underscores, exponent signs). */
export function readNumber(src: string, i: number): number {
  return scanNumber(src, i);
}

/*
 * Typed arrays reused from one file to the next (detection is synchronous and single-threaded per module instance):
 * allocating them per file costs more than the work on small files, and their off-heap memory drives extra GCs.
 * takeI32() hands out a view of exactly `n` elements (so reads past the end stay undefined), takeI32Whole() and takeU8()
 * a whole array of at least `n`; contents are stale. give*() returns it (whole). An array never given back is simply
 * collected.
 */
const I32_POOL: Int32Array[] = [];
const POOL_MAX = 8;

export function takeI32(n: number): Int32Array {
  for (let k = I32_POOL.length - 1; k >= 0; k--) {
    const a = I32_POOL[k];
    if (a.length >= n) {
      // the last one takes its place (the order of the pool does not matter)
      I32_POOL[k] = I32_POOL[I32_POOL.length - 1];
      I32_POOL.pop();
      return a.length === n ? a : a.subarray(0, n);
    }
  }
  return new Int32Array(new ArrayBuffer(Math.max(n, 4096) * 4), 0, n);
}

export function giveI32(a: Int32Array): void {
  if (I32_POOL.length < POOL_MAX && a.buffer.byteLength <= (64 << 20)) I32_POOL.push(a.length === a.buffer.byteLength >> 2 ? a : new Int32Array(a.buffer));
}

/** The arrays of a released token stream, kept whole for the next one (the largest released so far). */
interface TokArrays { kk: Uint8Array; s: Int32Array; e: Int32Array; oi: Int32Array }
let SPARE: TokArrays | undefined;
/**
 * The value and string-token lists of the last released stream, emptied and reused by the next one (copying VALUES
 * into a new list per file was a measurable share of the garbage). Tokens handed out keep living: only the lists
 * are reused.
 */
let SPARE_LISTS: { vals: string[]; strs: Token[] } | undefined;

/** A set of words indexed by length, for testing identifiers without slicing them out of the source. */
export interface WordSet { readonly set: ReadonlySet<string>; readonly byLength: ReadonlyArray<string[] | undefined> }

export function wordSet(words: Iterable<string>): WordSet {
  const set = new Set(words);
  const byLength: Array<string[] | undefined> = [];
  for (const w of set) (byLength[w.length] ??= []).push(w);
  return { set, byLength };
}

/** Token kinds as small numbers, for the compact token arrays. */
export const enum K { None = 0, Str = 1, Id = 2, Op = 3, Num = 4, Open = 5, Close = 6, Nl = 7, Jsx = 8 }
const KIND_NAMES: ReadonlyArray<TokKind | undefined> = [undefined, 'str', 'id', 'op', 'num', 'open', 'close', 'nl', 'jsx'];
const KIND_OF: Record<TokKind, K> = { str: K.Str, id: K.Id, op: K.Op, num: K.Num, open: K.Open, close: K.Close, nl: K.Nl, jsx: K.Jsx };

/**
 * The tokens of one file in compact arrays: kind, start and end per token, and the value (`Token.v`) stored only
 * when it differs from the source text or was asked for (identifiers are sliced lazily; one-character tokens and
 * operators read as shared strings). Strings and JSX text keep a full `Token` object (they become the literals of
 * string expressions). Out-of-range indices read as undefined, like reading past the end of a `Token[]`.
 */
export class Toks {
  n = 0;
  /** JSX text tokens in the stream. */
  jsxCount = 0;
  kk: Uint8Array;
  s: Int32Array;
  e: Int32Array;
  /** VALUES, then values that are not the source text and values already read (dense; `oi` points into it). */
  private readonly vals: string[];
  /** Strings and JSX text: their full tokens, in order. */
  private readonly strs: Token[];
  /** Strings and JSX text: -1 - index of token i in `strs`; other tokens: 1 + index of its value in `vals`, or 0. */
  private oi: Int32Array;
  /** Tokens the arrays can hold. */
  private cap: number;

  constructor(readonly src: string) {
    // code has about one token per 3-5 characters; never more than one per character
    const cap = Math.max(64, Math.min(src.length + 8, (src.length >> 1) + 64));
    const sp = SPARE;
    if (sp !== undefined && sp.kk.length >= cap) {
      SPARE = undefined;
      this.kk = sp.kk;
      this.s = sp.s;
      this.e = sp.e;
      this.oi = sp.oi;
    } else {
      const size = Math.max(cap, 4096);
      this.kk = new Uint8Array(size);
      this.s = new Int32Array(size);
      this.e = new Int32Array(size);
      this.oi = new Int32Array(size);
    }
    this.cap = this.kk.length;
    const lists = SPARE_LISTS;
    if (lists !== undefined) {
      // (the first VALUES.length entries of a list are never written: only appended to)
      SPARE_LISTS = undefined;
      lists.vals.length = VALUES.length;
      lists.strs.length = 0;
      this.vals = lists.vals;
      this.strs = lists.strs;
    } else {
      this.vals = VALUES.slice();
      this.strs = [];
    }
  }

  /** Gives the token arrays back for the next file (the stream must not be used afterwards). */
  release(): void {
    const size = this.kk.length;
    if (size <= (16 << 20) && (SPARE === undefined || SPARE.kk.length < size)) SPARE = { kk: this.kk, s: this.s, e: this.e, oi: this.oi };
    if (this.vals.length <= (1 << 20) && this.strs.length <= (1 << 20)) SPARE_LISTS = { vals: this.vals, strs: this.strs };
  }

  private grow(): void {
    const cap = this.cap * 2;
    const kk = new Uint8Array(cap);
    kk.set(this.kk.subarray(0, this.n));
    const s = new Int32Array(cap);
    s.set(this.s.subarray(0, this.n));
    const e = new Int32Array(cap);
    e.set(this.e.subarray(0, this.n));
    this.kk = kk;
    this.s = s;
    this.e = e;
    const oi = new Int32Array(cap);
    oi.set(this.oi.subarray(0, this.n));
    this.oi = oi;
    this.cap = cap;
  }

  /** Appends a token whose value is `src.slice(s, e)`. */
  push(k: K, s: number, e: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.kk[i] = k;
    this.s[i] = s;
    this.e[i] = e;
    this.oi[i] = 0;
  }

  /** Appends a token whose value is `VALUES[code - 1]` (its value code). */
  pushC(k: K, s: number, e: number, code: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.kk[i] = k;
    this.s[i] = s;
    this.e[i] = e;
    this.oi[i] = code;
  }

  /** Appends a token with its value (not a string: see pushTok). */
  pushV(k: K, s: number, e: number, v: string): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.kk[i] = k;
    this.s[i] = s;
    this.e[i] = e;
    this.oi[i] = this.vals.push(v);
  }

  /** Appends a string or JSX text token with all its fields. */
  pushTok(t: Token): void {
    if (t.k === 'jsx') this.jsxCount++;
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.kk[i] = KIND_OF[t.k];
    this.s[i] = t.s;
    this.e[i] = t.e;
    this.oi[i] = -1 - this.strs.length;
    this.strs.push(t);
  }

  /** Kind of token `i` (undefined outside the stream). */
  k(i: number): TokKind | undefined {
    return i >= 0 && i < this.n ? KIND_NAMES[this.kk[i]] : undefined;
  }

  /** Kind code of token `i` (K.None outside the stream). */
  kc(i: number): K {
    return i >= 0 && i < this.n ? this.kk[i] : K.None;
  }

  /** `Token.v` of token `i`: identifier or operator text, a string's decoded value (undefined outside the stream). */
  v(i: number): string | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const o = this.oi[i];
    return o > 0 ? this.vals[o - 1] : this.read(i);
  }

  /** The value of token `i` when no value code was stored: a string's, or the source text (kept). */
  private read(i: number): string {
    const o = this.oi[i];
    if (o < 0) return this.strs[-1 - o].v;
    const s = this.s[i];
    const e = this.e[i];
    const c = this.src.charCodeAt(s);
    if (e - s === 1 && c < 128) {
      this.oi[i] = c + 1;
      return VALUES[c];
    }
    const v = this.src.slice(s, e);
    this.oi[i] = this.vals.push(v);
    return v;
  }

  /** True when token `i` is the identifier `w` (without slicing the source). */
  isWord(i: number, w: string): boolean {
    if (i < 0 || i >= this.n || this.kk[i] !== K.Id) return false;
    const o = this.oi[i];
    if (o > 0) return this.vals[o - 1] === w;
    return this.e[i] - this.s[i] === w.length && this.src.startsWith(w, this.s[i]);
  }

  /**
   * True when token `i` is an identifier in `words` (no slicing for identifiers not read yet; a candidate's first
   * character is compared before startsWith, since most candidates differ there).
   */
  wordIn(i: number, words: WordSet): boolean {
    if (i < 0 || i >= this.n || this.kk[i] !== K.Id) return false;
    const o = this.oi[i];
    if (o > 0) return words.set.has(this.vals[o - 1]);
    const s = this.s[i];
    const cands = words.byLength[this.e[i] - s];
    if (cands === undefined) return false;
    const c0 = this.src.charCodeAt(s);
    for (let k = 0; k < cands.length; k++) if (cands[k].charCodeAt(0) === c0 && this.src.startsWith(cands[k], s)) return true;
    return false;
  }

  /** True when token `i` is an identifier whose value is in `set` (`lengths`: the lengths of its members). */
  idIn(i: number, set: ReadonlySet<string>, lengths: ReadonlySet<number>): boolean {
    if (i < 0 || i >= this.n || this.kk[i] !== K.Id) return false;
    const o = this.oi[i];
    if (o > 0) return set.has(this.vals[o - 1]);
    return lengths.has(this.e[i] - this.s[i]) && set.has(this.v(i)!);
  }

  /** True when token `i` has kind `k` and (if given) value `v`. */
  is(i: number, k: K, v?: string): boolean {
    return i >= 0 && i < this.n && this.kk[i] === k && (v === undefined || this.v(i) === v);
  }

  /** Token `i` as an object (strings and JSX text keep theirs); undefined outside the stream. */
  tok(i: number): Token | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const k = this.kk[i];
    if (k === K.Str || k === K.Jsx) return this.strs[-1 - this.oi[i]];
    return { k: KIND_NAMES[this.kk[i]]!, v: this.v(i)!, s: this.s[i], e: this.e[i] };
  }

  // code-based helpers of the expression scan

  /**
   * The value code of token `i` (its value is `VALUES[code - 1]`) when the token stores its value as one, else 0
   * (also outside the stream). A token of code 0 may still have a value in VALUES: read it with v().
   */
  vc(i: number): number {
    if (i < 0 || i >= this.n) return 0;
    const o = this.oi[i];
    return o > 0 && o <= VALUES.length ? o : 0;
  }

  /**
   * wordIn(i, words), where `firsts` (firstsOf(words), valueCodes.ts) has bit `len` of entry `c` set for each word of
   * first character `c` < 128 and length `len` < 32: most identifiers are ruled out by one look-up.
   */
  wordAt(i: number, words: WordSet, firsts: Uint32Array): boolean {
    if (i < 0 || i >= this.n || this.kk[i] !== K.Id) return false;
    const o = this.oi[i];
    if (o > 0) return words.set.has(this.vals[o - 1]);
    const s = this.s[i];
    const len = this.e[i] - s;
    const c = this.src.charCodeAt(s);
    if (c < 128 && len < 32 && ((firsts[c] >>> len) & 1) === 0) return false;
    const cands = words.byLength[len];
    if (cands === undefined) return false;
    for (let k = 0; k < cands.length; k++) if (this.src.startsWith(cands[k], s)) return true;
    return false;
  }
}

let SCRATCH_STACK = new Int32Array(1024);
let SCRATCH_CHARS = new Uint8Array(1024);

/** Index of each bracket's partner (-1 when unmatched) and of each token's innermost enclosing open bracket. */
export function matchBrackets(T: Toks): { match: Int32Array; parent: Int32Array } {
  const n = T.n;
  const kk = T.kk;
  const ss = T.s;
  const src = T.src;
  const match = takeI32(n).fill(-1);
  // every entry of parent is written below
  const parent = takeI32(n);
  // open brackets not closed yet: token index and bracket character (scratch buffers, reused across files)
  if (SCRATCH_STACK.length < n + 1) {
    SCRATCH_STACK = new Int32Array(n + 1024);
    SCRATCH_CHARS = new Uint8Array(n + 1024);
  }
  const stack = SCRATCH_STACK;
  const chars = SCRATCH_CHARS;
  let top = 0;
  // the innermost open bracket (stack[top - 1], or -1)
  let cur = -1;
  for (let i = 0; i < n; i++) {
    const k = kk[i];
    if (k === K.Open) {
      parent[i] = cur;
      stack[top] = i;
      chars[top++] = src.charCodeAt(ss[i]);
      cur = i;
      continue;
    }
    if (k === K.Close) {
      // pop to the nearest opener of the same kind within 8 levels; other closers are ignored
      const c = src.charCodeAt(ss[i]);
      const want = c === 41 ? 40 : c === 93 ? 91 : 123;
      const floor = top > 8 ? top - 8 : 0;
      let j = top - 1;
      while (j >= floor && chars[j] !== want) j--;
      if (j >= floor) {
        top = j;
        const o = stack[j];
        match[o] = i;
        match[i] = o;
        cur = top > 0 ? stack[top - 1] : -1;
      }
    }
    parent[i] = cur;
  }
  return { match, parent };
}
