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

type Mode = { close: string; esc: boolean; kotlin: boolean } | { depth: number };

/**
 * Scans from `i` (just after the opening delimiter) to the closing `close`. `esc`: backslash escapes apply.
 * `kotlin`: nested literal forms are Kotlin's (", """, '), else JavaScript's (', ", `, comments).
 */
export function scanInterpolated(src: string, i: number, close: string, esc: boolean, kotlin: boolean): InterpScan {
  const n = src.length;
  const exprs: Array<[number, number]> = [];
  const stack: Mode[] = [{ close, esc, kotlin }];
  let exprStart = -1;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = src[i];
    if ('close' in top) {
      if (top.esc && c === '\\') { i += 2; continue; }
      if (top.close === '"' && (c === '\n' || c === '\r')) {
        // unterminated one-line Kotlin string
        if (stack.length === 1) return { end: i, contentEnd: i, exprs };
        stack.pop();
        continue;
      }
      if (src.startsWith(top.close, i)) {
        let at = i;
        // Kotlin raw strings close on the last quote run: """"" ends with the final three
        if (top.close === '"""') while (src[at + 3] === '"') at++;
        stack.pop();
        if (stack.length === 0) return { end: at + top.close.length, contentEnd: at, exprs };
        i = at + top.close.length;
        continue;
      }
      if (c === '$' && src[i + 1] === '{') {
        if (stack.length === 1) exprStart = i;
        stack.push({ depth: 0 });
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    // inside ${ … }
    if (c === '{') { top.depth++; i++; continue; }
    if (c === '}') {
      if (top.depth > 0) { top.depth--; i++; continue; }
      stack.pop();
      i++;
      if (stack.length === 1 && exprStart >= 0) { exprs.push([exprStart, i]); exprStart = -1; }
      continue;
    }
    const kt = stack[0] as { kotlin: boolean };
    if (kt.kotlin) {
      if (src.startsWith('"""', i)) { stack.push({ close: '"""', esc: false, kotlin: true }); i += 3; continue; }
      if (c === '"') { stack.push({ close: '"', esc: true, kotlin: true }); i++; continue; }
      if (c === "'") { i = skipSimple(src, i, "'"); continue; }
    } else {
      if (c === '`') { stack.push({ close: '`', esc: true, kotlin: false }); i++; continue; }
      if (c === '"' || c === "'") { i = skipSimple(src, i, c); continue; }
    }
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    i++;
  }
  return { end: n, contentEnd: n, exprs };
}

/** Skips a one-line quoted literal starting at `i`; returns the index after it (or at the line end). */
export function skipSimple(src: string, i: number, q: string): number {
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') { j += 2; continue; }
    if (c === q) return j + 1;
    if (c === '\n' || c === '\r') return j;
    j++;
  }
  return src.length;
}
