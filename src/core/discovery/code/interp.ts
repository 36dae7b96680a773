/**
 * Scanner for literals with interpolation: JS template literals (`…${expr}…`) and Kotlin strings ("…${expr}…",
 * """…${expr}…"""). Nested literals inside `${…}` are skipped with an explicit stack (no recursion).
 */

export interface InterpScan {
  /** Index just after the closing delimiter (or the end of the source when unterminated). */
  end: number;
  /** Index of the closing delimiter (contents end). */
  contentEnd: number;
  /** Top-level `${…}` spans inside the contents, as [start, end) including `${` and `}`. */
  exprs: Array<[number, number]>;
}

/**
 * A literal being read (`lit`: its closing delimiter, as the code of its quote and whether it is `"""`) or the
 * inside of a `${…}` (`depth`: braces opened in it).
 */
interface Mode { lit: boolean; quote: number; triple: boolean; esc: boolean; depth: number }

const BACKTICK = 96;
const DQUOTE = 34;
const SQUOTE = 39;

/**
 * Scans from `i` (just after the opening delimiter) to the closing `close`. `esc`: backslash escapes apply.
 * `kotlin`: nested literal forms are Kotlin's (", """, '), else JavaScript's (', ", `, comments).
 */
export function scanInterpolated(src: string, i: number, close: string, esc: boolean, kotlin: boolean): InterpScan {
  const n = src.length;
  const exprs: Array<[number, number]> = [];
  const stack: Mode[] = [{ lit: true, quote: close.charCodeAt(0), triple: close.length === 3, esc, depth: 0 }];
  let exprStart = -1;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = src.charCodeAt(i);
    if (top.lit) {
      if (top.esc && c === 92 /* \ */) { i += 2; continue; }
      if (top.quote === DQUOTE && !top.triple && (c === 10 || c === 13)) {
        // unterminated one-line Kotlin string
        if (stack.length === 1) return { end: i, contentEnd: i, exprs };
        stack.pop();
        continue;
      }
      if (c === top.quote && (!top.triple || (src.charCodeAt(i + 1) === DQUOTE && src.charCodeAt(i + 2) === DQUOTE))) {
        let at = i;
        // Kotlin raw strings close on the last quote run: """"" ends with the final three
        if (top.triple) while (src.charCodeAt(at + 3) === DQUOTE) at++;
        stack.pop();
        const len = top.triple ? 3 : 1;
        if (stack.length === 0) return { end: at + len, contentEnd: at, exprs };
        i = at + len;
        continue;
      }
      if (c === 36 /* $ */ && src.charCodeAt(i + 1) === 123 /* { */) {
        if (stack.length === 1) exprStart = i;
        stack.push({ lit: false, quote: 0, triple: false, esc: false, depth: 0 });
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    // inside ${ … }
    if (c === 123 /* { */) { top.depth++; i++; continue; }
    if (c === 125 /* } */) {
      if (top.depth > 0) { top.depth--; i++; continue; }
      stack.pop();
      i++;
      if (stack.length === 1 && exprStart >= 0) { exprs.push([exprStart, i]); exprStart = -1; }
      continue;
    }
    if (kotlin) {
      if (c === DQUOTE && src.charCodeAt(i + 1) === DQUOTE && src.charCodeAt(i + 2) === DQUOTE) { stack.push({ lit: true, quote: DQUOTE, triple: true, esc: false, depth: 0 }); i += 3; continue; }
      if (c === DQUOTE) { stack.push({ lit: true, quote: DQUOTE, triple: false, esc: true, depth: 0 }); i++; continue; }
      if (c === SQUOTE) { i = skipSimple(src, i, "'"); continue; }
    } else {
      if (c === BACKTICK) { stack.push({ lit: true, quote: BACKTICK, triple: false, esc: true, depth: 0 }); i++; continue; }
      if (c === DQUOTE || c === SQUOTE) { i = skipSimple(src, i, c === DQUOTE ? '"' : "'"); continue; }
    }
    if (c === 47 /* / */ && src.charCodeAt(i + 1) === 47) { while (i < n && src.charCodeAt(i) !== 10) i++; continue; }
    if (c === 47 /* / */ && src.charCodeAt(i + 1) === 42 /* * */) { const e = src.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    i++;
  }
  return { end: n, contentEnd: n, exprs };
}

/** Skips a one-line quoted literal starting at `i`; returns the index after it (or at the line end). */
export function skipSimple(src: string, i: number, q: string): number {
  const qc = q.charCodeAt(0);
  const n = src.length;
  let j = i + 1;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c === 92 /* \ */) { j += 2; continue; }
    if (c === qc) return j + 1;
    if (c === 10 || c === 13) return j;
    j++;
  }
  return n;
}
