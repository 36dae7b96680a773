/**
 * Character tables and scanners shared by the lexers: one table look-up per ASCII character instead of chains of
 * comparisons. Each scanner gives exactly what the comparisons it replaces gave (see tokens.ts for the rules).
 */

/** What a character starts, for the lexers' dispatch (by its byte: see sourceBytes). */
export const enum C {
  Other = 0, Space = 1, Nl = 2, Id = 3, Digit = 4, Slash = 5, DQuote = 6, SQuote = 7, Backtick = 8, Lt = 9, Dot = 10,
  Open = 11, Close = 12, Hash = 13, Backslash = 14, Op = 15, Op1 = 16, OpHigh = 17,
}

/** Bytes that stand for the characters >= 128 in sourceBytes(): identifier characters, white space, others. */
export const B_ID = 0x80;
export const B_WS = 0x81;
export const B_OTHER = 0x82;

/** Class of each byte (`C`). */
export const CLASS = new Uint8Array(256);
/** 1 for identifier characters (bytes): letters, digits, `_`, `$`, B_ID; ID_NO_DOLLAR: the same without `$`. */
export const ID_DOLLAR = new Uint8Array(256);
export const ID_NO_DOLLAR = new Uint8Array(256);
/** 1 for ASCII characters `\w` matches (letters, digits, `_`). */
export const WORD = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = c >= 48 && c <= 57;
  if (letter || digit || c === 95) { ID_DOLLAR[c] = 1; ID_NO_DOLLAR[c] = 1; WORD[c] = 1; }
  CLASS[c] = letter || c === 95 || c === 36 ? C.Id : digit ? C.Digit : C.Op1;
}
ID_DOLLAR[36] = 1;
ID_DOLLAR[B_ID] = 1;
ID_NO_DOLLAR[B_ID] = 1;
CLASS.fill(C.OpHigh, 128);
CLASS[B_ID] = C.Id;
CLASS[B_WS] = C.Space;
// characters that start an operator of two or more characters (tokens.ts); other characters are one-character tokens
for (const ch of '=!><.*/|&?+-:%^@') CLASS[ch.charCodeAt(0)] = C.Op;
for (const c of [32, 9, 11, 12]) CLASS[c] = C.Space;
CLASS[10] = C.Nl;
CLASS[13] = C.Nl;
CLASS[47] = C.Slash;
CLASS[34] = C.DQuote;
CLASS[39] = C.SQuote;
CLASS[96] = C.Backtick;
CLASS[60] = C.Lt;
CLASS[46] = C.Dot;
CLASS[40] = C.Open;
CLASS[91] = C.Open;
CLASS[123] = C.Open;
CLASS[41] = C.Close;
CLASS[93] = C.Close;
CLASS[125] = C.Close;
CLASS[35] = C.Hash;
CLASS[92] = C.Backslash;

/** isIdStart() for a character >= 128 (the same as isIdPart() there). */
export const isIdHigh = (c: number): boolean => c >= 0xaa && c !== 0xfeff && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000;
/** isWs() for a character >= 128. */
export const isWsHigh = (c: number): boolean => c === 0xa0 || c === 0xfeff;

let BYTES = new Uint8Array(1 << 16);
const ENCODER = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;

/**
 * The source as one byte per UTF-16 code unit, for the lexers' scanning loops (reading a byte array is much cheaper
 * than charCodeAt): ASCII characters as themselves, others as B_ID, B_WS or B_OTHER; then four zero bytes, so that
 * reads up to 4 past the end see 0, which ends every scan. A shared buffer, valid until the next call.
 */
export function sourceBytes(src: string): Uint8Array {
  const n = src.length;
  let b = BYTES;
  if (b.length < n + 4) {
    b = new Uint8Array(Math.max(n + 4, b.length * 2));
    if (b.length <= (32 << 20)) BYTES = b;
  }
  // an ASCII text encodes to one byte per character, as itself
  const r = ENCODER?.encodeInto(src, b);
  if (r === undefined || r.read !== n || r.written !== n) {
    for (let i = 0; i < n; i++) {
      const c = src.charCodeAt(i);
      b[i] = c < 128 ? c : isWsHigh(c) ? B_WS : isIdHigh(c) ? B_ID : B_OTHER;
    }
  }
  b[n] = 0;
  b[n + 1] = 0;
  b[n + 2] = 0;
  b[n + 3] = 0;
  return b;
}

/** End of the identifier whose characters continue at `i` in sourceBytes() (`tbl`: ID_DOLLAR or ID_NO_DOLLAR). */
export function identEnd(b: Uint8Array, i: number, tbl: Uint8Array): number {
  while (tbl[b[i]] === 1) i++;
  return i;
}

/** Number literal read loosely (readNumber) in sourceBytes(): identifier characters, dots, a sign after an exponent letter. */
export function numberEnd(b: Uint8Array, i: number): number {
  let j = i;
  for (;;) {
    const c = b[j];
    if (ID_DOLLAR[c] === 1 || c === 46) j++;
    else if ((c === 43 || c === 45) && isExpLetter(b[j - 1]) && !(b[i] === 48 && (b[i + 1] === 120 || b[i + 1] === 88))) j++;
    else return j;
  }
}

const isExpLetter = (c: number): boolean => c === 101 || c === 69 || c === 112 || c === 80;

/**
 * Set by simpleEnd() and templateEnd(): whether the literal they scanned holds a backslash (outside `${…}`). When it
 * does not, decodeEscapes() of its contents is the contents themselves, so the lexers skip it (and its search for a
 * backslash). Every character of the contents is either read by the scan or follows a backslash it read.
 */
export let sawBackslash = false;

/** skipSimple() in sourceBytes(): the end of the one-line literal whose quote `q` is at `i` (or its line end). */
export function simpleEnd(b: Uint8Array, i: number, q: number, n: number): number {
  let j = i + 1;
  let esc = false;
  while (j < n) {
    const c = b[j];
    if (c === 92 /* \ */) { esc = true; j += 2; continue; }
    if (c === q) { sawBackslash = esc; return j + 1; }
    if (c === 10 || c === 13) { sawBackslash = esc; return j; }
    j++;
  }
  sawBackslash = esc;
  return n;
}

/**
 * scanInterpolated() for a JavaScript template literal whose contents start at `i`, when every `${…}` in it holds
 * none of { } ' " ` / (all it can then do is find the `}`). Pushes the `${…}` spans onto `exprs` and returns the index
 * of the closing backtick (n when unterminated), or -1 when the template needs the general scanner. Sets sawBackslash
 * (meaningful when the result is not -1).
 */
export function templateEnd(b: Uint8Array, i: number, n: number, exprs: Array<[number, number]>): number {
  sawBackslash = false;
  while (i < n) {
    const c = b[i];
    if (c === 92 /* \ */) { sawBackslash = true; i += 2; continue; }
    if (c === 96 /* ` */) return i;
    if (c === 36 /* $ */ && b[i + 1] === 123 /* { */) {
      const start = i;
      for (i += 2; ; i++) {
        if (i >= n) return n;
        const d = b[i];
        if (d === 125 /* } */) break;
        if (d === 123 || d === 39 || d === 34 || d === 96 || d === 47) return -1;
      }
      i++;
      exprs.push([start, i]);
      continue;
    }
    i++;
  }
  return n;
}

/** End of the identifier whose characters continue at `i` (string form of identEnd, for readIdent()). */
export function scanIdent(src: string, i: number, tbl: Uint8Array): number {
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c < 128) {
      if (tbl[c] === 0) return i;
    } else if (!isIdHigh(c)) return i;
    i++;
  }
  return i;
}

/** String form of numberEnd, for readNumber(). */
export function scanNumber(src: string, i: number): number {
  const n = src.length;
  let j = i;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c < 128) {
      if (ID_DOLLAR[c] === 1 || c === 46) { j++; continue; }
      if (c === 43 || c === 45) {
        if (isExpLetter(src.charCodeAt(j - 1)) && !(src.charCodeAt(i) === 48 && (src.charCodeAt(i + 1) === 120 || src.charCodeAt(i + 1) === 88))) { j++; continue; }
      }
      return j;
    }
    if (!isIdHigh(c)) return j;
    j++;
  }
  return j;
}

/** Operators, longest first within each leading character (so the first match is the longest). */
export const OPS = [
  '>>>=', '...', '===', '!==', '**=', '//=', '>>=', '<<=', '>>>', '??=', '||=', '&&=', '?.', '??', '?:', '!!',
  '=>', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=', '->', '::', '**', '//',
  '<<', '>>', '&&', '||', '++', '--', '<-', '..',
];

/**
 * Values a token can have without being read from the source: the ASCII characters, the operators, and the
 * values of regex literals and JSX closing tags. A token's value code is 1 + its index here (0: none).
 */
export const VALUES: readonly string[] = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), ...OPS, 'regex', '/>'];
/** Value code of each value. */
const O: Record<string, number> = Object.fromEntries(VALUES.map((v, k) => [v, k + 1]));
/** Length of each value, by code. */
export const VALUE_LEN = Uint8Array.from([0, ...VALUES.map((v) => v.length)]);
export const V_NL = O['\n'];
export const V_REGEX = O.regex;
export const V_CLOSE_TAG = O['/>'];

/**
 * Value code of the operator at `i` in sourceBytes() whose first character is `c` (ASCII): the longest operator of
 * OPS there, else the character alone.
 */
export function opCode(b: Uint8Array, i: number, c: number): number {
  const d = b[i + 1];
  switch (c) {
    case 61: /* = */ if (d === 61) return b[i + 2] === 61 ? O['==='] : O['==']; return d === 62 ? O['=>'] : c + 1;
    case 33: /* ! */ if (d === 61) return b[i + 2] === 61 ? O['!=='] : O['!=']; return d === 33 ? O['!!'] : c + 1;
    case 62: /* > */ {
      if (d === 61) return O['>='];
      if (d !== 62) return c + 1;
      const e = b[i + 2];
      if (e === 62) return b[i + 3] === 61 ? O['>>>='] : O['>>>'];
      return e === 61 ? O['>>='] : O['>>'];
    }
    case 60: /* < */ if (d === 60) return b[i + 2] === 61 ? O['<<='] : O['<<']; return d === 61 ? O['<='] : d === 45 ? O['<-'] : c + 1;
    case 46: /* . */ if (d === 46) return b[i + 2] === 46 ? O['...'] : O['..']; return c + 1;
    case 42: /* * */ if (d === 42) return b[i + 2] === 61 ? O['**='] : O['**']; return d === 61 ? O['*='] : c + 1;
    case 47: /* / */ if (d === 47) return b[i + 2] === 61 ? O['//='] : O['//']; return d === 61 ? O['/='] : c + 1;
    case 124: /* | */ if (d === 124) return b[i + 2] === 61 ? O['||='] : O['||']; return d === 61 ? O['|='] : c + 1;
    case 38: /* & */ if (d === 38) return b[i + 2] === 61 ? O['&&='] : O['&&']; return d === 61 ? O['&='] : c + 1;
    case 63: /* ? */ if (d === 63) return b[i + 2] === 61 ? O['??='] : O['??']; return d === 46 ? O['?.'] : d === 58 ? O['?:'] : c + 1;
    case 43: /* + */ return d === 61 ? O['+='] : d === 43 ? O['++'] : c + 1;
    case 45: /* - */ return d === 61 ? O['-='] : d === 62 ? O['->'] : d === 45 ? O['--'] : c + 1;
    case 58: /* : */ return d === 61 ? O[':='] : d === 58 ? O['::'] : c + 1;
    case 37: /* % */ return d === 61 ? O['%='] : c + 1;
    case 94: /* ^ */ return d === 61 ? O['^='] : c + 1;
    case 64: /* @ */ return d === 61 ? O['@='] : c + 1;
    default: return c + 1;
  }
}

/** A character `\s` matches (JavaScript regular expressions, and what String.prototype.trim() removes). */
export function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWord = (c: number): boolean => c < 128 && WORD[c] === 1;

/**
 * True when the `<` at `i` opens a JSX element, as the two tests on the next 64 characters said:
 * /^<(?:>|[A-Za-z][\w.:-]*(?=[\s/>{]))/ and not /^<[A-Za-z][\w.]*\s+extends\b|^<[A-Za-z][\w.]*\s*,/ (a generic).
 */
export function jsxOpensAt(src: string, i: number): boolean {
  const w = Math.min(src.length, i + 64);
  const a = src.charCodeAt(i + 1);
  if (i + 1 >= w) return false;
  if (a === 62) return true;
  if (!isLetter(a)) return false;
  let j = i + 2;
  while (j < w) {
    const c = src.charCodeAt(j);
    if (isWord(c) || c === 46 || c === 58 || c === 45) j++;
    else break;
  }
  if (j >= w) return false;
  const f = src.charCodeAt(j);
  if (!(isJsSpace(f) || f === 47 || f === 62 || f === 123)) return false;
  // a type parameter list: `<T extends …` or `<T, …`
  j = i + 2;
  while (j < w && (isWord(src.charCodeAt(j)) || src.charCodeAt(j) === 46)) j++;
  let k = j;
  while (k < w && isJsSpace(src.charCodeAt(k))) k++;
  if (k < w && src.charCodeAt(k) === 44) return false;
  if (k > j && k + 7 <= w && src.startsWith('extends', k) && (k + 7 >= w || !isWord(src.charCodeAt(k + 7)))) return false;
  return true;
}
