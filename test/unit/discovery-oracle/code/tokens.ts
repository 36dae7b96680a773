/** Tokens shared by the per-language lexers, and escape decoding. */
import type { TemplateSyntax } from '../types';

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

/** Operators, longest first within each leading character. */
const OPS = [
  '>>>=', '...', '===', '!==', '**=', '//=', '>>=', '<<=', '>>>', '??=', '||=', '&&=', '?.', '??', '?:', '!!',
  '=>', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=', '->', '::', '**', '//',
  '<<', '>>', '&&', '||', '++', '--', '<-', '..',
];

/** Reads the operator at `i` (at least one character). */
export function readOp(src: string, i: number): string {
  for (const op of OPS) if (src.startsWith(op, i)) return op;
  return src[i];
}

export const isIdStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 0xaa && c !== 0xfeff && c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000);
export const isIdPart = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isWs = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

/** Reads an identifier (or keyword) at `i`; `$` counts as a letter unless `dollar` is false (Python, Go). */
export function readIdent(src: string, i: number, dollar: boolean): number {
  let j = i;
  while (j < src.length) {
    const c = src.charCodeAt(j);
    if (!isIdPart(c) || (!dollar && c === 36)) break;
    j++;
  }
  return j;
}

/** Reads a number literal loosely (digits, letters, dots, underscores, exponent signs). */
export function readNumber(src: string, i: number): number {
  let j = i;
  while (j < src.length) {
    const c = src.charCodeAt(j);
    if (isIdPart(c) || c === 46) j++;
    else if ((c === 43 || c === 45) && /[eEpP]/.test(src[j - 1] ?? '') && !/^0[xX]/.test(src.slice(i, i + 2))) j++;
    else break;
  }
  return j;
}

export type EscapeStyle = 'python' | 'js' | 'go' | 'java' | 'kotlin';

/** Decodes backslash escapes of a string literal's raw contents. Unknown escapes: Python keeps the backslash, others drop it. */
export function decodeEscapes(raw: string, style: EscapeStyle): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const n = raw[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'a': out += style === 'python' || style === 'go' ? '\x07' : 'a'; break;
      case 's': out += style === 'java' ? ' ' : style === 'python' ? '\\s' : 's'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const m = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3))![0];
        if (style === 'js' && m === '0') out += '\0';
        else out += String.fromCharCode(parseInt(m, 8));
        i += m.length - 1;
        break;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(raw.slice(i + 1, i + 3));
        if (m) { out += String.fromCharCode(parseInt(m[0], 16)); i += 2; } else out += style === 'python' ? '\\x' : 'x';
        break;
      }
      case 'u': case 'U': {
        const braced = n === 'u' ? /^\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 1, i + 9)) : null;
        const len = n === 'u' ? 4 : 8;
        const m = braced ?? /^[0-9a-fA-F]+/.exec(raw.slice(i + 1, i + 1 + len));
        const hex = braced ? braced[1] : m && m[0].length === len ? m[0] : null;
        const cp = hex ? parseInt(hex, 16) : NaN;
        if (hex && cp <= 0x10ffff) { out += String.fromCodePoint(cp); i += braced ? braced[0].length : len; } else out += style === 'python' || n === 'U' ? '\\' + n : n;
        break;
      }
      case '\n': break;
      case '\r': if (raw[i + 1] === '\n') i++; break;
      default:
        out += style === 'python' && !'\\\'"'.includes(n) ? '\\' + n : n;
    }
  }
  return out;
}

/** Index of each bracket's partner (-1 when unmatched) and of each token's innermost enclosing open bracket. */
export function matchBrackets(toks: Token[]): { match: Int32Array; parent: Int32Array } {
  const match = new Int32Array(toks.length).fill(-1);
  const parent = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k === 'close') {
      // pop to the nearest opener of the same kind; unbalanced closers are ignored
      let j = stack.length - 1;
      while (j >= 0 && toks[stack[j]].v !== pairs[t.v]) j--;
      if (j >= 0 && stack.length - j <= 8) {
        stack.length = j + 1;
        const o = stack.pop()!;
        match[o] = i;
        match[i] = o;
      }
    }
    parent[i] = stack.length > 0 ? stack[stack.length - 1] : -1;
    if (t.k === 'open') stack.push(i);
  }
  return { match, parent };
}
