/**
 * Operators and brackets compared by value code instead of by string (the expression scan asks this of every
 * identifier's next token). `valueCode(T, i) === C_PLUS` exactly when `T.v(i) === '+'`, and so on.
 */
import { VALUES } from './lexChars';
import { K, Toks, WordSet } from './tokens';

/** Value code (1 + index in VALUES) of each value. */
const CODE_OF: ReadonlyMap<string, number> = new Map(VALUES.map((v, k) => [v, k + 1]));
const code = (v: string): number => CODE_OF.get(v)!;

export const C_DOT = code('.');
export const C_QDOT = code('?.');
export const C_PLUS = code('+');
export const C_PCT = code('%');
export const C_COMMA = code(',');
export const C_EQ = code('=');
export const C_PAREN = code('(');
export const C_BRACKET = code('[');
export const C_BRACE = code('{');

/**
 * The value code of token `i` when its value is one of VALUES (operators, brackets, one ASCII character), else 0
 * (also outside the stream). Reads the value only for a token that does not store a code (for an identifier not read
 * yet, that slices it: ask this of operators and brackets).
 */
export function valueCode(T: Toks, i: number): number {
  const c = T.vc(i);
  if (c !== 0 || i < 0 || i >= T.n) return c;
  return CODE_OF.get(T.v(i)!) ?? 0;
}

/** `T.is(i, K.Op, v)` for the operator `v` whose code is `c`. */
export function isOp(T: Toks, i: number, c: number): boolean {
  return T.kc(i) === K.Op && valueCode(T, i) === c;
}

/** `T.is(i, K.Open, v)` for the bracket `v` whose code is `c`. */
export function isOpen(T: Toks, i: number, c: number): boolean {
  return T.kc(i) === K.Open && valueCode(T, i) === c;
}

/**
 * For Toks.wordAt(): entry `c` has bit `len` set for each word of `words` whose first character is `c` (< 128) and
 * length `len` (< 32). Identifiers of another first character or length cannot be one of these words.
 */
export function firstsOf(words: WordSet): Uint32Array {
  const firsts = new Uint32Array(128);
  for (const w of words.set) {
    const c = w.charCodeAt(0);
    if (c < 128 && w.length < 32) firsts[c] |= 1 << w.length;
  }
  return firsts;
}
