/** Python lexer: strings of every prefix and quote form, comments, brackets and logical newlines. */
import { decodeEscapes, isDigit, isIdStart, isWs, K, readIdent, readNumber, readOp, Token, Toks } from './tokens';

const PREFIX = /^(?:r|u|b|f|t|br|rb|fr|rf|tr|rt)$/i;

export function lexPython(src: string): Toks {
  const T = new Toks(src);
  let depth = 0;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      // a logical newline: one token for a run of line ends (and comments) at depth 0
      if (depth === 0 && T.n > 0 && T.kk[T.n - 1] !== K.Nl) T.pushV(K.Nl, i, i + 1, '\n');
      i++;
      continue;
    }
    if (c === 32 || isWs(c)) { i++; continue; }
    if (c === 35 /* # */) {
      while (i < n) {
        const d = src.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      continue;
    }
    if (c === 92 /* \ */ && (src.charCodeAt(i + 1) === 10 || src.charCodeAt(i + 1) === 13)) {
      i += src.charCodeAt(i + 1) === 13 && src.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === 34 || c === 39) {
      const t = readString(src, i, i, '');
      T.pushTok(t);
      i = t.e;
      continue;
    }
    if (isIdStart(c) && c !== 36) {
      const j = readIdent(src, i, false);
      const q = src.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2) {
        const word = src.slice(i, j);
        if (PREFIX.test(word)) {
          const t = readString(src, j, i, word.toLowerCase());
          T.pushTok(t);
          i = t.e;
          continue;
        }
      }
      T.push(K.Id, i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      const j = readNumber(src, i);
      T.push(K.Num, i, j);
      i = j;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      T.pushV(K.Open, i, i + 1, c === 40 ? '(' : c === 91 ? '[' : '{');
      i++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      T.pushV(K.Close, i, i + 1, c === 41 ? ')' : c === 93 ? ']' : '}');
      i++;
      continue;
    }
    const op = readOp(src, i);
    T.pushV(K.Op, i, i + op.length, op);
    i += op.length;
  }
  return T;
}

/** Reads a string literal whose quote is at `q` (token start `s`); `prefix` is its lowercased prefix letters. */
function readString(src: string, q: number, s: number, prefix: string): Token {
  const quote = src.charCodeAt(q);
  const triple = src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
  const open = triple ? 3 : 1;
  const raw = prefix.includes('r');
  const fmt = prefix.includes('f') || prefix.includes('t');
  const n = src.length;
  let i = q + open;
  const cs = i;
  let ce = n;
  let end = n;
  let braces = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */) { i += 2; continue; }
    if (!triple && (c === 10 || c === 13) && braces === 0) { ce = i; end = i; break; }
    if (fmt) {
      if (c === 123 /* { */) {
        if (braces === 0 && src.charCodeAt(i + 1) === 123) { i += 2; continue; }
        braces++;
        i++;
        continue;
      }
      if (c === 125 /* } */ && braces > 0) { braces--; i++; continue; }
      if (braces > 0 && (c === 34 || c === 39) && c !== quote) {
        // a nested literal inside a replacement field: skip it
        let j = i + 1;
        while (j < n && j - i < 2000 && src.charCodeAt(j) !== c && (triple || src.charCodeAt(j) !== 10)) j++;
        i = src.charCodeAt(j) === c ? j + 1 : i + 1;
        continue;
      }
      if (braces > 0 && !triple && (c === 10 || c === 13)) { ce = i; end = i; break; }
    }
    if (c === quote && (!triple || (src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote))) {
      ce = i;
      end = i + open;
      break;
    }
    i++;
  }
  if (ce > n) ce = n;
  if (end > n) end = n;
  const body = src.slice(cs, ce);
  let v = raw ? body : decodeEscapes(body, 'python');
  if (fmt) v = unbraceFString(v);
  return { k: 'str', v, s, e: end, cs, ce, form: prefix, tpl: fmt ? 'fstring' : undefined };
}

/** `{{` and `}}` outside replacement fields are literal braces in an f-string. */
function unbraceFString(v: string): string {
  if (!v.includes('{') && !v.includes('}')) return v;
  let out = '';
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (depth === 0 && (c === '{' || c === '}') && v[i + 1] === c) {
      out += c;
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    out += c;
  }
  return out;
}
