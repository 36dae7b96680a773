/**
 * Safe cut points: positions no pre-tokenizer piece of o200k_base or cl100k_base can cross, so that
 * count(text) === count(text.slice(0, p)) + count(text.slice(p)) holds exactly (with both engines).
 *
 * p is safe when text[p - 1] is '\n' and either
 *  (a) text[p] is neither whitespace (JavaScript `\s`, as the split regexes use; it includes U+FEFF) nor '/', or
 *  (b) text[p] starts an indentation: the whitespace around p (back from p - 1, forward from p) is at most
 *      MAX_INDENT characters, has no '\r' or '\n' at or after p, and is followed by a non-whitespace character.
 * Why, alternative by alternative of the split regexes:
 * - letter pieces (`[^\r\n\p{L}\p{N}]?\p{L}+…`, contractions `'s`…) cannot contain '\n' and their optional leading
 *   character excludes '\r' and '\n': none starts at the '\n' or reaches across it;
 * - `\p{N}{1,3}` cannot contain '\n';
 * - the symbol piece ` ?[^\s\p{L}\p{N}]+[\r\n/]*` (cl100k: `[\r\n]*`) may end with newlines and, in o200k, '/'; it
 *   stops at p because text[p] is neither '\r', '\n' nor '/';
 * - a whitespace run that holds a newline is taken by `\s*[\r\n]+` (gpt-tokenizer's cl100k: `\s*[\r\n]`) up to its
 *   last newline, which is p - 1 in both cases, with or without the text after p. In case (b) the run continues after
 *   p but has no newline there, and is not at the end of the text (gpt-tokenizer's cl100k `\s+$` would take it all);
 * - no alternative looks behind, so matching from p is the same with or without the text before p.
 * In case (b) the whole whitespace run is short, so it is never a "long run" for slicing (slicing.ts) either.
 * The tests check the rule against js-tiktoken and against the engine on random texts.
 */

/** Longest whitespace run (around the newline) that case (b) accepts; below the slicing threshold. */
export const MAX_INDENT = 64;

const WS = /\s/;

/** True when a piece boundary is guaranteed at `p`. The ends of the text (p <= 0, p >= length) are always safe. */
export function isSafeBoundary(text: string, p: number): boolean {
  const n = text.length;
  if (p <= 0 || p >= n) return true;
  if (text.charCodeAt(p - 1) !== 10) return false;
  const c = text[p];
  if (!WS.test(c)) return c !== '/';
  let q = p;
  while (q < n && WS.test(text[q])) {
    const k = text.charCodeAt(q);
    if (k === 10 || k === 13 || q - p >= MAX_INDENT) return false;
    q++;
  }
  if (q >= n) return false;
  let b = p - 1;
  while (b > 0 && WS.test(text[b - 1])) {
    if (q - b >= MAX_INDENT) return false;
    b--;
  }
  return q - b <= MAX_INDENT;
}

/** The last safe boundary at or before `p` (0 if none). */
export function safeBoundaryAtOrBefore(text: string, p: number): number {
  if (p <= 0) return 0;
  if (p >= text.length) return text.length;
  let nl = text.lastIndexOf('\n', p - 1);
  while (nl >= 0) {
    if (isSafeBoundary(text, nl + 1)) return nl + 1;
    nl = nl === 0 ? -1 : text.lastIndexOf('\n', nl - 1);
  }
  return 0;
}

/** The first safe boundary at or after `p` (text.length if none). */
export function safeBoundaryAtOrAfter(text: string, p: number): number {
  if (p <= 0) return 0;
  if (p >= text.length) return text.length;
  let nl = text.indexOf('\n', p - 1);
  while (nl >= 0 && nl + 1 < text.length) {
    if (isSafeBoundary(text, nl + 1)) return nl + 1;
    nl = text.indexOf('\n', nl + 1);
  }
  return text.length;
}
