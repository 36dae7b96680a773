/**
 * Lexer for the brace languages: TypeScript/JavaScript (templates, regex literals, JSX), Go (raw strings),
 * Java (text blocks) and Kotlin (raw strings, string templates, nested comments).
 */
import { scanInterpolated, skipSimple } from './interp';
import { readJsxElement } from './lexJsx';
import { decodeEscapes, isDigit, isIdStart, isWs, K, readIdent, readNumber, readOp, Toks } from './tokens';

export type CLang = 'js' | 'go' | 'java' | 'kotlin';

const EXPR_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

export class CLexer {
  readonly T: Toks;
  jsxDepth = 0;

  constructor(readonly src: string, readonly lang: CLang, readonly jsx: boolean) {
    this.T = new Toks(src);
  }

  /** True when the next token starts an expression (a `/` is a regex, a `<` may open JSX). */
  exprPosition(): boolean {
    const T = this.T;
    const last = T.n - 1;
    if (last < 0) return true;
    const k = T.kk[last];
    if (k === K.Op || k === K.Open) {
      const v = T.v(last);
      return v !== '++' && v !== '--';
    }
    if (k === K.Id) return EXPR_KEYWORDS.has(T.v(last)!);
    return false;
  }

  /** Lexes from `i`; with `stopAtBrace`, stops before the `}` closing the current JSX expression container. */
  run(i: number, stopAtBrace: boolean): number {
    const { src, lang, T } = this;
    const n = src.length;
    const js = lang === 'js';
    const dollar = lang !== 'go';
    let braces = 0;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || isWs(c)) { i++; continue; }
      if (isIdStart(c) || (c === 35 /* # */ && js && isIdStart(src.charCodeAt(i + 1)))) {
        const j = readIdent(src, i + 1, dollar);
        T.push(K.Id, i, j);
        i = j;
        continue;
      }
      if (c === 47 /* / */) {
        const d = src.charCodeAt(i + 1);
        if (d === 47) { while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++; continue; }
        if (d === 42) { i = this.skipBlockComment(i); continue; }
        if (js && this.exprPosition()) {
          const j = readRegex(src, i);
          if (j > 0) { T.pushV(K.Num, i, j, 'regex'); i = j; continue; }
        }
      }
      if (c === 34 /* " */) { i = this.readDouble(i); continue; }
      if (c === 39 /* ' */) {
        if (lang === 'js') i = this.pushSimple(i, "'", 'js');
        else {
          const j = skipSimple(src, i, "'");
          T.pushTok({ k: 'str', v: src.slice(i + 1, Math.max(i + 1, j - 1)), s: i, e: j, cs: i + 1, ce: Math.max(i + 1, j - 1), form: 'char' });
          i = j;
        }
        continue;
      }
      if (c === 96 /* ` */) {
        if (lang === 'go') { i = this.readGoRaw(i); continue; }
        if (lang === 'js') { i = this.readTemplate(i); continue; }
        if (lang === 'kotlin') {
          // `backtick identifiers` on one line
          const e = src.indexOf('`', i + 1);
          const nl = src.indexOf('\n', i + 1);
          const end = e < 0 || (nl >= 0 && nl < e) ? i + 1 : e + 1;
          T.pushV(K.Id, i, end, src.slice(i + 1, Math.max(i + 1, end - 1)));
          i = end;
          continue;
        }
      }
      if (c === 60 /* < */ && this.jsx && this.jsxDepth < 64 && this.exprPosition() && /^<(?:>|[A-Za-z][\w.:-]*(?=[\s/>{]))/.test(src.slice(i, i + 64))) {
        if (!/^<[A-Za-z][\w.]*\s+extends\b|^<[A-Za-z][\w.]*\s*,/.test(src.slice(i, i + 64))) {
          i = readJsxElement(this, i);
          continue;
        }
      }
      if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
        const j = readNumber(src, i);
        T.push(K.Num, i, j);
        i = j;
        continue;
      }
      if (c === 40 || c === 91 || c === 123) {
        if (c === 123) braces++;
        T.pushV(K.Open, i, i + 1, c === 40 ? '(' : c === 91 ? '[' : '{');
        i++;
        continue;
      }
      if (c === 41 || c === 93 || c === 125) {
        if (c === 125) {
          if (stopAtBrace && braces === 0) return i;
          braces--;
        }
        T.pushV(K.Close, i, i + 1, c === 41 ? ')' : c === 93 ? ']' : '}');
        i++;
        continue;
      }
      const op = readOp(src, i);
      T.pushV(K.Op, i, i + op.length, op);
      i += op.length;
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

  /** A one-line quoted literal with backslash escapes. */
  pushSimple(i: number, q: string, style: 'js' | 'go' | 'java' | 'kotlin'): number {
    const j = skipSimple(this.src, i, q);
    const closed = this.src[j - 1] === q && j - 1 > i;
    const ce = closed ? j - 1 : j;
    this.T.pushTok({ k: 'str', v: decodeEscapes(this.src.slice(i + 1, ce), style), s: i, e: j, cs: i + 1, ce });
    return j;
  }

  readDouble(i: number): number {
    const { src, lang } = this;
    if ((lang === 'java' || lang === 'kotlin') && src.startsWith('"""', i)) return lang === 'java' ? this.readTextBlock(i) : this.readKotlin(i, true);
    if (lang === 'kotlin') return this.readKotlin(i, false);
    return this.pushSimple(i, '"', lang);
  }

  readTemplate(i: number): number {
    const r = scanInterpolated(this.src, i + 1, '`', true, false);
    this.T.pushTok({ k: 'str', v: cook(this.src, i + 1, r.contentEnd, r.exprs, 'js'), s: i, e: r.end, cs: i + 1, ce: r.contentEnd, form: 'template', tpl: r.exprs.length > 0 ? 'js-template' : undefined });
    return r.end;
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

/** Reads a regex literal at `i` (a `/`); returns its end, or -1 when the line ends first. */
function readRegex(src: string, i: number): number {
  let j = i + 1;
  let cls = false;
  const limit = Math.min(src.length, i + 2000);
  while (j < limit) {
    const c = src[j];
    if (c === '\n' || c === '\r') return -1;
    if (c === '\\') { j += 2; continue; }
    if (c === '[') cls = true;
    else if (c === ']') cls = false;
    else if (c === '/' && !cls) {
      j++;
      while (j < src.length && /[a-z]/i.test(src[j])) j++;
      return j;
    }
    j++;
  }
  return -1;
}
