/**
 * Lexer for the brace languages: TypeScript/JavaScript (templates, regex literals, JSX), Go (raw strings),
 * Java (text blocks) and Kotlin (raw strings, string templates, nested comments).
 */
import { scanInterpolated } from './interp';
import { readJsxElement } from './lexJsx';
import { C, CLASS, ID_DOLLAR, ID_NO_DOLLAR, identEnd, jsxOpensAt, numberEnd, opCode, sawBackslash, simpleEnd, sourceBytes, templateEnd, V_REGEX, VALUE_LEN } from './lexChars';
import { decodeEscapes } from './escapes';
import { K, Toks, wordSet } from './tokens';

export type CLang = 'js' | 'go' | 'java' | 'kotlin';

const EXPR_KEYWORDS = wordSet(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

export class CLexer {
  readonly T: Toks;
  /** The source's bytes (sourceBytes): a shared buffer, valid while this lexer runs. */
  readonly b: Uint8Array;
  jsxDepth = 0;

  constructor(readonly src: string, readonly lang: CLang, readonly jsx: boolean) {
    this.T = new Toks(src);
    this.b = sourceBytes(src);
  }

  /** True when the next token starts an expression (a `/` is a regex, a `<` may open JSX). */
  exprPosition(): boolean {
    const T = this.T;
    const last = T.n - 1;
    if (last < 0) return true;
    const k = T.kk[last];
    if (k === K.Open) return true;
    if (k === K.Op) {
      // any operator but ++ and -- (their value is their source text)
      if (T.e[last] - T.s[last] !== 2) return true;
      const c = this.src.charCodeAt(T.s[last]);
      return !((c === 43 || c === 45) && this.src.charCodeAt(T.s[last] + 1) === c);
    }
    if (k === K.Id) return T.wordIn(last, EXPR_KEYWORDS);
    return false;
  }

  /** Lexes from `i`; with `stopAtBrace`, stops before the `}` closing the current JSX expression container. */
  run(i: number, stopAtBrace: boolean): number {
    const { src, b, lang, T } = this;
    const n = src.length;
    const js = lang === 'js';
    const jsx = this.jsx;
    const idTable = lang !== 'go' ? ID_DOLLAR : ID_NO_DOLLAR;
    let braces = 0;
    while (i < n) {
      let c = b[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        // a run of spaces and line breaks (the byte after the end is 0)
        do c = b[++i]; while (c === 32 || c === 10 || c === 13 || c === 9);
        if (i >= n) break;
      }
      switch (CLASS[c]) {
        case C.Space:
        case C.Nl:
          i++;
          continue;
        case C.Op1:
          T.pushC(K.Op, i, i + 1, c + 1);
          i++;
          continue;
        case C.OpHigh:
          // one character >= 128 that is no operator (its value is read from the source)
          T.push(K.Op, i, i + 1);
          i++;
          continue;
        case C.Id: {
          const j = identEnd(b, i + 1, idTable);
          T.push(K.Id, i, j);
          i = j;
          continue;
        }
        case C.Hash:
          if (js) {
            if (CLASS[b[i + 1]] === C.Id) {
              const j = identEnd(b, i + 2, idTable);
              T.push(K.Id, i, j);
              i = j;
              continue;
            }
          }
          break;
        case C.Slash: {
          const d = b[i + 1];
          if (d === 47) {
            // a line comment, to the line end
            for (let e = b[i]; e !== 10 && e !== 13 && i < n; e = b[++i]);
            continue;
          }
          if (d === 42) { i = this.skipBlockComment(i); continue; }
          if (js && this.exprPosition()) {
            const j = readRegex(src, i);
            if (j > 0) { T.pushC(K.Num, i, j, V_REGEX); i = j; continue; }
          }
          break;
        }
        case C.DQuote: i = this.readDouble(i); continue;
        case C.SQuote:
          if (js) i = this.pushSimple(i, 39, 'js');
          else {
            const j = simpleEnd(b, i, 39, n);
            T.pushTok({ k: 'str', v: src.slice(i + 1, Math.max(i + 1, j - 1)), s: i, e: j, cs: i + 1, ce: Math.max(i + 1, j - 1), form: 'char' });
            i = j;
          }
          continue;
        case C.Backtick:
          if (lang === 'go') { i = this.readGoRaw(i); continue; }
          if (js) { i = this.readTemplate(i); continue; }
          if (lang === 'kotlin') {
            // `backtick identifiers` on one line
            const e = src.indexOf('`', i + 1);
            const nl = src.indexOf('\n', i + 1);
            const end = e < 0 || (nl >= 0 && nl < e) ? i + 1 : e + 1;
            T.pushV(K.Id, i, end, src.slice(i + 1, Math.max(i + 1, end - 1)));
            i = end;
            continue;
          }
          break;
        case C.Lt:
          if (jsx && this.jsxDepth < 64 && this.exprPosition() && jsxOpensAt(src, i)) {
            i = readJsxElement(this, i);
            continue;
          }
          break;
        case C.Digit: {
          const j = numberEnd(b, i);
          T.push(K.Num, i, j);
          i = j;
          continue;
        }
        case C.Dot: {
          const d = b[i + 1];
          if (d >= 48 && d <= 57) {
            const j = numberEnd(b, i);
            T.push(K.Num, i, j);
            i = j;
            continue;
          }
          break;
        }
        case C.Open:
          if (c === 123) braces++;
          T.pushC(K.Open, i, i + 1, c + 1);
          i++;
          continue;
        case C.Close:
          if (c === 125) {
            if (stopAtBrace && braces === 0) return i;
            braces--;
          }
          T.pushC(K.Close, i, i + 1, c + 1);
          i++;
          continue;
      }
      const code = opCode(b, i, c);
      const len = VALUE_LEN[code];
      T.pushC(K.Op, i, i + len, code);
      i += len;
    }
    return n;
  }

  skipBlockComment(i: number): number {
    const { src } = this;
    if (this.lang !== 'kotlin') {
      const e = src.indexOf('*/', i + 2);
      return e < 0 ? src.length : e + 2;
    }
    let depth = 0;
    const n = src.length;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 47 /* / */ && src.charCodeAt(i + 1) === 42) { depth++; i += 2; } else if (c === 42 /* * */ && src.charCodeAt(i + 1) === 47) { depth--; i += 2; if (depth === 0) return i; } else i++;
    }
    return n;
  }

  /** A one-line literal (quote code `q`) with backslash escapes. */
  pushSimple(i: number, q: number, style: 'js' | 'go' | 'java' | 'kotlin'): number {
    const j = simpleEnd(this.b, i, q, this.src.length);
    // (j <= length, and the byte at the length is 0)
    const closed = this.b[j - 1] === q && j - 1 > i;
    const ce = closed ? j - 1 : j;
    const raw = this.src.slice(i + 1, ce);
    // without a backslash, decodeEscapes(raw) is raw
    this.T.pushTok({ k: 'str', v: sawBackslash ? decodeEscapes(raw, style) : raw, s: i, e: j, cs: i + 1, ce });
    return j;
  }

  readDouble(i: number): number {
    const { src, lang } = this;
    if ((lang === 'java' || lang === 'kotlin') && src.startsWith('"""', i)) return lang === 'java' ? this.readTextBlock(i) : this.readKotlin(i, true);
    if (lang === 'kotlin') return this.readKotlin(i, false);
    return this.pushSimple(i, 34, lang);
  }

  readTemplate(i: number): number {
    const { src } = this;
    const n = src.length;
    let exprs: Array<[number, number]> = [];
    let ce = templateEnd(this.b, i + 1, n, exprs);
    let end = ce < n ? ce + 1 : n;
    // without a backslash outside `${…}`, cook() would decode nothing
    let esc = sawBackslash;
    if (ce < 0) {
      esc = true;
      // nested brackets, literals or comments in a `${…}`
      const r = scanInterpolated(src, i + 1, '`', true, false);
      ce = r.contentEnd;
      end = r.end;
      exprs = r.exprs;
    }
    const v = esc ? cook(src, i + 1, ce, exprs, 'js') : src.slice(i + 1, Math.max(i + 1, ce));
    this.T.pushTok({ k: 'str', v, s: i, e: end, cs: i + 1, ce, form: 'template', tpl: exprs.length > 0 ? 'js-template' : undefined });
    return end;
  }

  readKotlin(i: number, raw: boolean): number {
    const open = raw ? 3 : 1;
    const r = scanInterpolated(this.src, i + open, raw ? '"""' : '"', !raw, true);
    const body = this.src.slice(i + open, r.contentEnd);
    const v = raw ? body : cook(this.src, i + open, r.contentEnd, r.exprs, 'kotlin');
    const tpl = r.exprs.length > 0 || /\$[A-Za-z_]/.test(body) ? 'js-template' : undefined;
    this.T.pushTok({ k: 'str', v, s: i, e: r.end, cs: i + open, ce: r.contentEnd, form: raw ? 'raw' : undefined, tpl });
    return r.end;
  }

  readGoRaw(i: number): number {
    const e = this.src.indexOf('`', i + 1);
    const ce = e < 0 ? this.src.length : e;
    this.T.pushTok({ k: 'str', v: this.src.slice(i + 1, ce).replace(/\r/g, ''), s: i, e: e < 0 ? ce : e + 1, cs: i + 1, ce, form: 'raw' });
    return e < 0 ? ce : e + 1;
  }

  /** Java text block: contents start after the line break that follows the opening quotes; incidental indentation is stripped. */
  readTextBlock(i: number): number {
    const { src } = this;
    let j = i + 3;
    while (j < src.length && (src[j] === ' ' || src[j] === '\t' || src[j] === '\f')) j++;
    if (src[j] === '\r') j++;
    if (src[j] === '\n') j++;
    const cs = j;
    let k = cs;
    while (k < src.length && !src.startsWith('"""', k)) k += src[k] === '\\' ? 2 : 1;
    const ce = Math.min(k, src.length);
    const end = k < src.length ? k + 3 : src.length;
    this.T.pushTok({ k: 'str', v: textBlockValue(src.slice(cs, ce)), s: i, e: end, cs, ce, form: 'text-block' });
    return end;
  }
}

/** Decodes the literal parts of an interpolated literal and keeps `${…}` as written. */
function cook(src: string, cs: number, ce: number, exprs: Array<[number, number]>, style: 'js' | 'kotlin'): string {
  let out = '';
  let at = cs;
  for (const [s, e] of exprs) {
    out += decodeEscapes(src.slice(at, s), style) + src.slice(s, e);
    at = e;
  }
  return out + decodeEscapes(src.slice(at, Math.max(at, ce)), style);
}

/** JLS 3.10.6: strip incidental white space (the closing line counts when blank), trailing spaces, then escapes. */
export function textBlockValue(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const last = lines[lines.length - 1];
  const closingBlank = last.trim() === '';
  let min = Infinity;
  lines.forEach((l, idx) => {
    if (l.trim() === '' && !(idx === lines.length - 1 && closingBlank)) return;
    min = Math.min(min, /^[ \t\f]*/.exec(l)![0].length);
  });
  if (!Number.isFinite(min)) min = 0;
  const stripped = lines.map((l) => l.slice(Math.min(min, /^[ \t\f]*/.exec(l)![0].length)).replace(/[ \t\f]+$/, ''));
  if (closingBlank) stripped[stripped.length - 1] = '';
  return decodeEscapes(stripped.join('\n'), 'java');
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Reads a regex literal at `i` (a `/`); returns its end, or -1 when the line ends first. */
function readRegex(src: string, i: number): number {
  let j = i + 1;
  let cls = false;
  const limit = Math.min(src.length, i + 2000);
  while (j < limit) {
    const c = src.charCodeAt(j);
    if (c === 10 || c === 13) return -1;
    if (c === 92 /* \ */) { j += 2; continue; }
    if (c === 91 /* [ */) cls = true;
    else if (c === 93 /* ] */) cls = false;
    else if (c === 47 /* / */ && !cls) {
      j++;
      while (j < src.length && isAsciiLetter(src.charCodeAt(j))) j++;
      return j;
    }
    j++;
  }
  return -1;
}
