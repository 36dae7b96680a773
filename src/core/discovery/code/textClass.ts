/**
 * What score() (detectCode.ts) makes of a text before looking at its structure, computed without copying the text
 * in the common cases. Every shortcut here gives the result of the plain definition (`textClassPlain`).
 */
import { countWords, identifierOrUrl } from '../content';

/** Template slots as score() removes them from a text before counting its own words. */
const ALL_SLOTS = /\{\{[^}]{0,200}\}\}|\$\{[^}]{0,200}\}|\{[^{}\s]{0,100}\}|%[sd]|\$\w+/g;

/** The text without its template slots (the first 4000 characters), as score() counts its own words. */
export function ownText(trimmed: string): string {
  return (trimmed.length > 4000 ? trimmed.slice(0, 4000) : trimmed).replace(ALL_SLOTS, ' ').trim();
}

/**
 * `need`: the evidence score() requires of the structure: 0.85 (strong) for a text with fewer than two words of its
 * own, or shorter than 40 characters with fewer than 15 characters or 3 words; 0.7 for other texts under 40
 * characters; 0 for the rest. `dead`: score() rejects the text whatever the structure (no words of its own besides
 * slots, or one identifier- or URL-like token). Encoded in one number: NEED[code & 3], dead when code & 4.
 */
export const NEED: readonly number[] = [0, 0.7, 0.85];
export const DEAD = 4;

/** The plain definition: trim, remove slots, count words (the reference for textClass). */
export function textClassPlain(text: string): number {
  const trimmed = text.trim();
  const own = trimmed.includes('{') || trimmed.includes('$') || trimmed.includes('%') ? ownText(trimmed) : trimmed.length > 4000 ? trimmed.slice(0, 4000).trim() : trimmed;
  const words = countWords(own);
  return needCode(words, trimmed.length) | (words === 0 || identifierOrUrl(trimmed) ? DEAD : 0);
}

function needCode(words: number, length: number): number {
  return words < 2 ? 2 : length < 40 ? (length < 15 || words < 3 ? 2 : 1) : 0;
}

/**
 * textClassPlain(text), except that the DEAD bit is only exact when `wantDead` (otherwise it may be left unset). One
 * pass over the trimmed text (when it is at most 4000 characters): slots are matched where ALL_SLOTS would match them
 * (slotEnd) and count as a space; words are counted up to 3, which is all `need` and the dead bit depend on. A white
 * space that trim() removes but countWords does not count as a space (\v, \f, no-break spaces…) could make trimming
 * the text without its slots drop a word: such texts take the plain definition.
 */
export function textClass(text: string, wantDead: boolean): number {
  let s = 0;
  let e = text.length;
  while (s < e && isJsSpace(text.charCodeAt(s))) s++;
  while (e > s && isJsSpace(text.charCodeAt(e - 1))) e--;
  const length = e - s;
  if (length > 4000) return textClassPlain(text);
  let n = 0;
  let inWord = false;
  // a space (of the four countWords knows) outside slots: the trimmed text has white space inside
  let spaced = false;
  // every character was read, none in a slot, and none is `<` or `,` (see oneToken)
  let simple = true;
  for (let i = s; i < e; ) {
    const c = text.charCodeAt(i);
    const cl = c < 128 ? CH[c] : isJsSpace(c) ? CH_ODD_SPACE : CH_WORD;
    if (cl !== CH_WORD) {
      if (cl === CH_SPACE) {
        spaced = true;
        inWord = false;
        i++;
        // three words and white space: nothing further changes the class (see below)
        if (n === 3) break;
        continue;
      }
      if (cl === CH_SLOT) {
        const end = slotEnd(text, i, e, c);
        if (end > 0) {
          inWord = false;
          simple = false;
          i = end;
          continue;
        }
      } else if (cl === CH_MARK) simple = false;
      else return textClassPlain(text);
    }
    // a character of a word (up to here every word holds a character that is not white space: trimming keeps the
    // first three)
    if (!inWord) {
      if (n === 3) {
        simple = false;
        break;
      }
      n++;
      inWord = true;
      // three words and white space (or no dead bit wanted): the class is needCode(3, length), whatever follows
      if (n === 3 && (spaced || !wantDead)) break;
    }
    i++;
  }
  const words = n > 3 ? 3 : n;
  let code = needCode(words, length);
  if (words === 0) code |= DEAD;
  else if (wantDead && !spaced && ((simple && !selectAt(text, text.charCodeAt(s) === 40 ? s + 1 : s, e)) || identifierOrUrl(text.slice(s, e)))) code |= DEAD;
  return code;
}

/**
 * For a trimmed text without white space, `<` or `,`: false means identifierOrUrl(trimmed) is true. nonPromptShape()
 * says 'identifier' or 'url' for such a text unless it is SQL, HTML or an e-mail. HTML needs a `<`, an e-mail a `,`
 * (EMAIL_OPEN) or white space (SUBJECT), and every SQL form but `select … from` white space; without white space that
 * one is `select` (any case) at the start or after one `(` (at `i`). True means "ask identifierOrUrl".
 */
function selectAt(text: string, i: number, e: number): boolean {
  return (
    i + 6 <= e &&
    (text.charCodeAt(i) | 32) === 115 &&
    (text.charCodeAt(i + 1) | 32) === 101 &&
    (text.charCodeAt(i + 2) | 32) === 108 &&
    (text.charCodeAt(i + 3) | 32) === 101 &&
    (text.charCodeAt(i + 4) | 32) === 99 &&
    (text.charCodeAt(i + 5) | 32) === 116
  );
}

/**
 * End of the slot ALL_SLOTS matches at `i` (whose character is `c`) in a string that ends at `e`, or -1:
 * `{{` up to 200 characters other than `}` `}}`; `${` up to 200 characters other than `}` `}`; `{` up to 100
 * characters other than braces and white space `}`; `%s`, `%d`; `$` and word characters. The alternatives in the
 * regex's order; the quantifiers stop at the first character they exclude, so backtracking cannot find another match.
 */
function slotEnd(text: string, i: number, e: number, c: number): number {
  const c1 = i + 1 < e ? text.charCodeAt(i + 1) : -1;
  if (c === 37) return c1 === 115 /* s */ || c1 === 100 /* d */ ? i + 2 : -1;
  if (c1 === 123 /* { */) {
    // `{{…}}` or `${…}`: the first `}` within 200 characters
    let k = i + 2;
    const lim = Math.min(e, i + 2 + 201);
    while (k < lim && text.charCodeAt(k) !== 125) k++;
    if (k < lim) {
      if (c === 36) return k + 1;
      if (k + 1 < e && text.charCodeAt(k + 1) === 125) return k + 2;
    }
    if (c === 36) return -1; // `$` then `{`: no `\$\w+` either
  }
  if (c === 36) {
    let k = i + 1;
    while (k < e && isWordChar(text.charCodeAt(k))) k++;
    return k > i + 1 ? k : -1;
  }
  // `{` then up to 100 characters other than braces and white space, then `}`
  let k = i + 1;
  const lim = Math.min(e, i + 1 + 100);
  while (k < lim) {
    const d = text.charCodeAt(k);
    if (d === 123 || d === 125 || isJsSpace(d)) break;
    k++;
  }
  return k < e && text.charCodeAt(k) === 125 ? k + 1 : -1;
}

/** Classes of ASCII characters for textClass's scan (CH_WORD: a character of a word). */
const CH_WORD = 0;
/** The four spaces countWords knows: space, \n, \t, \r. */
const CH_SPACE = 1;
/** `{`, `$`, `%`: maybe the start of a slot. */
const CH_SLOT = 2;
/** `<` and `,`: a word character that makes the text not simple. */
const CH_MARK = 3;
/** White space trim() removes but countWords does not count (\v, \f, and some characters >= 128). */
const CH_ODD_SPACE = 4;
const CH = new Uint8Array(128);
for (const c of [32, 10, 9, 13]) CH[c] = CH_SPACE;
for (const c of [123, 36, 37]) CH[c] = CH_SLOT;
for (const c of [60, 44]) CH[c] = CH_MARK;
for (const c of [11, 12]) CH[c] = CH_ODD_SPACE;

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** White space as String.prototype.trim() removes it (and as \s matches it). */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
