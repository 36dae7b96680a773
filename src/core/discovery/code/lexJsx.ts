/**
 * JSX inside .jsx/.tsx/.js: elements, attributes and text children. Text children become 'jsx' tokens
 * (so UI copy is seen for what it is and `<SystemMessage>…</SystemMessage>` of prompt-tsx can be found);
 * `{…}` containers are lexed as code again.
 */
import type { CLexer } from './lexClike';
import { V_CLOSE_TAG } from './lexChars';
import { K } from './tokens';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Reads the element whose `<` is at `i`; returns the index after it (or the end of the source). */
export function readJsxElement(lx: CLexer, i: number): number {
  lx.jsxDepth++;
  try {
    return element(lx, i);
  } finally {
    lx.jsxDepth--;
  }
}

function element(lx: CLexer, i: number): number {
  const { src } = lx;
  const n = src.length;
  let j = i + 1;
  const nameStart = j;
  while (j < n && /[\w.:-]/.test(src[j])) j++;
  const tag = src.slice(nameStart, j);
  lx.T.pushC(K.Op, i, i + 1, 60 + 1);
  if (tag) lx.T.pushV(K.Id, nameStart, j, tag);
  // attributes
  while (j < n) {
    const c = src[j];
    if (/\s/.test(c)) { j++; continue; }
    if (c === '/' && src[j + 1] === '>') return closeTag(lx, j, j + 2);
    if (c === '>') { j++; break; }
    if (c === '{') { j = container(lx, j); continue; }
    if (/[\w$-]/.test(c)) {
      const a = j;
      while (j < n && /[\w$:.-]/.test(src[j])) j++;
      lx.T.push(K.Id, a, j);
      while (j < n && /\s/.test(src[j])) j++;
      if (src[j] !== '=') continue;
      lx.T.pushC(K.Op, j, j + 1, 61 + 1);
      j++;
      while (j < n && /\s/.test(src[j])) j++;
      const q = src[j];
      if (q === '"' || q === "'") {
        const e = src.indexOf(q, j + 1);
        const ce = e < 0 ? n : e;
        lx.T.pushTok({ k: 'str', v: decodeEntities(src.slice(j + 1, ce)), s: j, e: e < 0 ? n : e + 1, cs: j + 1, ce });
        j = e < 0 ? n : e + 1;
      } else if (q === '{') j = container(lx, j);
      else if (q === '<' && lx.jsxDepth < 64) j = readJsxElement(lx, j);
      continue;
    }
    j++; // stray character
  }
  // children
  while (j < n) {
    const c = src[j];
    if (c === '{') { j = container(lx, j); continue; }
    if (c === '<') {
      if (src[j + 1] === '/') {
        const e = src.indexOf('>', j + 2);
        return closeTag(lx, j, e < 0 ? n : e + 1);
      }
      if (lx.jsxDepth >= 64) return n;
      j = readJsxElement(lx, j);
      continue;
    }
    const a = j;
    while (j < n && src[j] !== '<' && src[j] !== '{') j++;
    pushText(lx, a, j, tag);
  }
  return n;
}

function closeTag(lx: CLexer, at: number, end: number): number {
  lx.T.pushC(K.Op, at, end, V_CLOSE_TAG);
  return end;
}

/** `{ … }` inside JSX: lexed as code up to the matching brace. */
function container(lx: CLexer, j: number): number {
  lx.T.pushC(K.Open, j, j + 1, 123 + 1);
  const stop = lx.run(j + 1, true);
  if (stop >= lx.src.length) return stop;
  lx.T.pushC(K.Close, stop, stop + 1, 125 + 1);
  return stop + 1;
}

/** JSX text: each line trimmed, blank lines dropped, lines joined with one space. */
function pushText(lx: CLexer, a: number, b: number, tag: string): void {
  const raw = lx.src.slice(a, b);
  if (raw.trim() === '') return;
  const lines = raw.split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l !== '');
  let s = a;
  let e = b;
  while (s < e && /\s/.test(lx.src[s])) s++;
  while (e > s && /\s/.test(lx.src[e - 1])) e--;
  lx.T.pushTok({ k: 'jsx', v: decodeEntities(lines.join(' ')), s, e, cs: s, ce: e, tag });
}

function decodeEntities(t: string): string {
  if (!t.includes('&')) return t;
  return t.replace(/&(#x?[0-9a-fA-F]+|\w+);/g, (m, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[name] ?? m;
  });
}
