/** Python lexer: strings of every prefix and quote form, comments, brackets and logical newlines. */
import { C, CLASS, ID_NO_DOLLAR, identEnd, numberEnd, opCode, sourceBytes, V_NL, VALUE_LEN } from './lexChars';
import { decodeEscapes } from './escapes';
import { K, Token, Toks } from './tokens';

const PREFIX = /^(?:r|u|b|f|t|br|rb|fr|rf|tr|rt)$/i;

export function lexPython(src: string): Toks {
  const T = new Toks(src);
  const b = sourceBytes(src);
  let depth = 0;
  let i = 0;
  const n = src.length;
  while (i < n) {
    let c = b[i];
    if (c === 32 || c === 9) {
      // a run of spaces (the byte after the end is 0)
      do c = b[++i]; while (c === 32 || c === 9);
      if (i >= n) break;
    }
    switch (CLASS[c]) {
      case C.Nl:
        // a logical newline: one token for a run of line ends (and comments) at depth 0
        if (depth === 0 && T.n > 0 && T.kk[T.n - 1] !== K.Nl) T.pushC(K.Nl, i, i + 1, V_NL);
        i++;
        continue;
      case C.Space:
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
      case C.Hash:
        // a comment, to the line end
        for (let d = b[i]; d !== 10 && d !== 13 && i < n; d = b[++i]);
        continue;
      case C.Backslash: {
        const d = b[i + 1];
        if (d === 10 || d === 13) {
          i += d === 13 && b[i + 2] === 10 ? 3 : 2;
          continue;
        }
        break;
      }
      case C.DQuote:
      case C.SQuote: {
        const t = readString(src, b, i, i, '');
        T.pushTok(t);
        i = t.e;
        continue;
      }
      case C.Id: {
        if (c === 36) break;
        const j = identEnd(b, i + 1, ID_NO_DOLLAR);
        const q = b[j];
        if ((q === 34 || q === 39) && j - i <= 2) {
          const word = src.slice(i, j);
          if (PREFIX.test(word)) {
            const t = readString(src, b, j, i, word.toLowerCase());
            T.pushTok(t);
            i = t.e;
            continue;
          }
        }
        T.push(K.Id, i, j);
        i = j;
        continue;
      }
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
        depth++;
        T.pushC(K.Open, i, i + 1, c + 1);
        i++;
        continue;
      case C.Close:
        if (depth > 0) depth--;
        T.pushC(K.Close, i, i + 1, c + 1);
        i++;
        continue;
    }
    const code = opCode(b, i, c);
    const len = VALUE_LEN[code];
    T.pushC(K.Op, i, i + len, code);
    i += len;
  }
  return T;
}

/** Reads a string literal whose quote is at `q` (token start `s`); `prefix` is its lowercased prefix letters. */
function readString(src: string, b: Uint8Array, q: number, s: number, prefix: string): Token {
  const quote = b[q];
  const triple = b[q + 1] === quote && b[q + 2] === quote;
  const open = triple ? 3 : 1;
  const raw = prefix.includes('r');
  const fmt = prefix.includes('f') || prefix.includes('t');
  const n = src.length;
  let i = q + open;
  const cs = i;
  let ce = n;
  let end = n;
  let braces = 0;
  // a backslash or (f-strings) a brace seen in the contents, or a nested literal skipped unread: without them the
  // value is the contents as written (decodeEscapes and unbraceFString would return them unchanged)
  let special = false;
  while (i < n) {
    const c = b[i];
    if (c === 92 /* \ */) { special = true; i += 2; continue; }
    if (!triple && (c === 10 || c === 13) && braces === 0) { ce = i; end = i; break; }
    if (fmt) {
      if (c === 123 /* { */ || c === 125 /* } */) special = true;
      if (c === 123 /* { */) {
        if (braces === 0 && b[i + 1] === 123) { i += 2; continue; }
        braces++;
        i++;
        continue;
      }
      if (c === 125 /* } */ && braces > 0) { braces--; i++; continue; }
      if (braces > 0 && (c === 34 || c === 39) && c !== quote) {
        // a nested literal inside a replacement field: skip it
        let j = i + 1;
        while (j < n && j - i < 2000 && b[j] !== c && (triple || b[j] !== 10)) j++;
        i = b[j] === c ? j + 1 : i + 1;
        continue;
      }
      if (braces > 0 && !triple && (c === 10 || c === 13)) { ce = i; end = i; break; }
    }
    if (c === quote && (!triple || (b[i + 1] === quote && b[i + 2] === quote))) {
      ce = i;
      end = i + open;
      break;
    }
    i++;
  }
  if (ce > n) ce = n;
  if (end > n) end = n;
  const body = src.slice(cs, ce);
  let v = body;
  if (special) {
    if (!raw) v = decodeEscapes(body, 'python');
    if (fmt) v = unbraceFString(v);
  }
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
