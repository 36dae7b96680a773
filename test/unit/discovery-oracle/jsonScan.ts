/**
 * A tolerant JSON/JSONC reader that lists string values with their key path, offsets and parent object,
 * without building the document. Comments and trailing commas are allowed; broken input stops quietly.
 */
import type { YamlScalar } from './yamlScan';

interface Frame { kind: 'obj' | 'arr'; id: number; path: Array<string | number>; key: string | number | null; index: number; expectKey: boolean }

/** String values of a JSON text, in the same shape as YAML scalars (style 'double'). */
export function scanJson(text: string): YamlScalar[] {
  const out: YamlScalar[] = [];
  const stack: Frame[] = [];
  let nextId = 1;
  let i = 0;
  const n = text.length;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const pathHere = (): Array<string | number> => {
    const f = top();
    if (!f) return [];
    return [...f.path, f.kind === 'arr' ? f.index : (f.key ?? '')];
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i); i = e < 0 ? n : e; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === '{' || c === '[') {
      if (stack.length > 2000) return out;
      const path = pathHere();
      stack.push({ kind: c === '{' ? 'obj' : 'arr', id: nextId++, path: stack.length === 0 ? [] : path, key: null, index: 0, expectKey: c === '{' });
      i++;
      continue;
    }
    if (c === '}' || c === ']') { stack.pop(); i++; continue; }
    if (c === ',') {
      const f = top();
      if (f) { if (f.kind === 'arr') f.index++; else { f.expectKey = true; f.key = null; } }
      i++;
      continue;
    }
    if (c === ':') { const f = top(); if (f) f.expectKey = false; i++; continue; }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      let closed = false;
      while (j < n) {
        const d = text[j];
        if (d === '\\') { raw += text.slice(j, j + 2); j += 2; continue; }
        if (d === '"') { closed = true; break; }
        if (d === '\n') break;
        raw += d;
        j++;
      }
      const f = top();
      const value = decodeJsonString(raw);
      if (f && f.kind === 'obj' && f.expectKey) f.key = value;
      else if (f) out.push({ path: pathHere(), value, style: 'double', start: i + 1, end: Math.min(j, n), parent: f.id });
      i = closed ? j + 1 : Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return out;
}

function decodeJsonString(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    return e.length === 1 ? map[e] : String.fromCharCode(parseInt(e.slice(1), 16));
  });
}
