/** Python lexer: strings of every prefix and quote form, comments, brackets and logical newlines. */
import { decodeEscapes, isDigit, isIdStart, isWs, readIdent, readNumber, readOp, Token } from './tokens';

const PREFIX = /^(?:r|u|b|f|t|br|rb|fr|rf|tr|rt)$/i;

export function lexPython(src: string): Token[] {
  const toks: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = src.length;
  const pushNl = (at: number): void => {
    if (toks.length > 0 && toks[toks.length - 1].k !== 'nl') toks.push({ k: 'nl', v: '\n', s: at, e: at + 1 });
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (depth === 0) pushNl(i);
      i++;
      continue;
    }
    if (isWs(c)) { i++; continue; }
    if (c === 35 /* # */) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 92 /* \ */ && (src.charCodeAt(i + 1) === 10 || src.charCodeAt(i + 1) === 13)) {
      i += src.charCodeAt(i + 1) === 13 && src.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === 34 || c === 39) {
      const t = readString(src, i, '');
      toks.push(t);
      i = t.e;
      continue;
    }
    if (isIdStart(c) && c !== 36) {
      const j = readIdent(src, i, false);
      const word = src.slice(i, j);
      const q = src.charCodeAt(j);
      if ((q === 34 || q === 39) && PREFIX.test(word)) {
        const t = readString(src, j, word.toLowerCase());
        t.s = i;
        toks.push(t);
        i = t.e;
        continue;
      }
      toks.push({ k: 'id', v: word, s: i, e: j });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      const j = readNumber(src, i);
      toks.push({ k: 'num', v: src.slice(i, j), s: i, e: j });
      i = j;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      toks.push({ k: 'open', v: src[i], s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      toks.push({ k: 'close', v: src[i], s: i, e: i + 1 });
      i++;
      continue;
    }
    const op = readOp(src, i);
    toks.push({ k: 'op', v: op, s: i, e: i + op.length });
    i += op.length;
  }
  return toks;
}

/** Reads a string literal whose quote is at `q`; `prefix` is its lowercased prefix letters. */
function readString(src: string, q: number, prefix: string): Token {
  const quote = src[q];
  const triple = src[q + 1] === quote && src[q + 2] === quote;
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
    const c = src[i];
    if (c === '\\') { i += 2; continue; }
    if (!triple && (c === '\n' || c === '\r') && braces === 0) { ce = i; end = i; break; }
    if (fmt) {
      if (c === '{') {
        if (braces === 0 && src[i + 1] === '{') { i += 2; continue; }
        braces++;
        i++;
        continue;
      }
      if (c === '}' && braces > 0) { braces--; i++; continue; }
      if (braces > 0 && (c === '"' || c === "'") && c !== quote) {
        // a nested literal inside a replacement field: skip it
        let j = i + 1;
        while (j < n && j - i < 2000 && src[j] !== c && (triple || src[j] !== '\n')) j++;
        i = src[j] === c ? j + 1 : i + 1;
        continue;
      }
      if (braces > 0 && !triple && (c === '\n' || c === '\r')) { ce = i; end = i; break; }
    }
    if (c === quote && (!triple || (src[i + 1] === quote && src[i + 2] === quote))) {
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
  return { k: 'str', v, s: q, e: end, cs, ce, form: prefix, tpl: fmt ? 'fstring' : undefined };
}

/** `{{` and `}}` outside replacement fields are literal braces in an f-string. */
function unbraceFString(v: string): string {
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
