/**
 * A small, tolerant, line-based YAML reader: enough to find string values (plain, quoted, `|`/`>` block
 * scalars) under mapping keys and sequence items, with their offsets and their sibling keys. Flow
 * collections, anchors, tags and multi-document details are skipped, never fatal.
 */

export interface YamlScalar {
  /** Keys and sequence indices from the root. */
  path: Array<string | number>;
  value: string;
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
  /** Raw span of the value in the text (block scalars: first content character to the end of the last content line). */
  start: number;
  end: number;
  /** Id of the mapping or sequence holding it. */
  parent: number;
}

interface Container { indent: number; kind: 'map' | 'seq'; id: number; path: Array<string | number>; count: number }

interface Line { start: number; end: number; indent: number; text: string }

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s][^#]*?)[ \t]*:(?:[ \t]+|$)/;

export function scanYaml(text: string, maxLines = 200_000): YamlScalar[] {
  const lines = splitLines(text, maxLines);
  const out: YamlScalar[] = [];
  let stack: Container[] = [];
  let nextId = 1;
  let pendingKeyPath: Array<string | number> | null = null; // a key whose value is on following lines
  let pendingIndent = -1;
  for (let li = 0; li < lines.length; li++) {
    const L = lines[li];
    const body = L.text.slice(L.indent);
    if (body === '' || body.startsWith('#')) continue;
    if (L.indent === 0 && (body.startsWith('---') || body.startsWith('...'))) { stack = []; pendingKeyPath = null; continue; }
    let col = L.indent;
    let rest = body;
    // close containers deeper than this line
    while (stack.length > 0 && (stack[stack.length - 1].indent > col || (stack[stack.length - 1].indent === col && stack[stack.length - 1].kind === 'seq' && !rest.startsWith('-')))) stack.pop();
    // sequence items, possibly several on one line: "- - x" or "- key: v"
    while (/^-(?:[ \t]|$)/.test(rest)) {
      let seq = stack[stack.length - 1];
      if (!seq || seq.kind !== 'seq' || seq.indent !== col) {
        const base = pendingKeyPath && pendingIndent <= col ? pendingKeyPath : parentPath(stack);
        seq = { indent: col, kind: 'seq', id: nextId++, path: base, count: 0 };
        stack.push(seq);
      } else seq.count++;
      pendingKeyPath = [...seq.path, seq.count];
      pendingIndent = col;
      const m = /^-[ \t]*/.exec(rest)![0].length;
      col += m;
      rest = rest.slice(m);
      if (rest === '' || rest.startsWith('#')) break;
      if (!keyMatch(rest)) {
        li = readValue(lines, li, L.start + col, rest, col - 1, [...seq.path, seq.count], seq.id, out);
        rest = '';
        pendingKeyPath = null;
        break;
      }
    }
    if (rest === '' || rest.startsWith('#')) continue;
    const km = keyMatch(rest);
    if (!km) { pendingKeyPath = null; continue; }
    let map = stack[stack.length - 1];
    if (!map || map.kind !== 'map' || map.indent !== col) {
      const base = pendingKeyPath && pendingIndent <= col ? pendingKeyPath : parentPath(stack);
      map = { indent: col, kind: 'map', id: nextId++, path: base, count: 0 };
      stack.push(map);
    }
    const key = unquoteKey(km[1]);
    const path = [...map.path, key];
    const after = rest.slice(km[0].length);
    pendingKeyPath = null;
    if (after === '' || after.startsWith('#')) {
      pendingKeyPath = path;
      pendingIndent = col;
      continue;
    }
    li = readValue(lines, li, L.start + col + km[0].length, after, col, path, map.id, out);
  }
  return out;
}

function parentPath(stack: Container[]): Array<string | number> {
  return stack.length > 0 ? stack[stack.length - 1].path : [];
}

function unquoteKey(k: string): string {
  if (k.startsWith('"')) return k.slice(1, -1).replace(/\\"/g, '"');
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k.trim();
}

/** Reads a value starting at `at` (text `v`) on line `li`; returns the last line it used. */
function readValue(lines: Line[], li: number, at: number, v: string, ownerIndent: number, path: Array<string | number>, parent: number, out: YamlScalar[]): number {
  let s = v;
  let offset = at;
  // anchors and tags before the value
  for (let guard = 0; guard < 4; guard++) {
    const m = /^[&!][^\s]*[ \t]*/.exec(s);
    if (!m || m[0] === '') break;
    s = s.slice(m[0].length);
    offset += m[0].length;
  }
  if (s === '' || s.startsWith('#') || s.startsWith('*')) return li;
  const c = s[0];
  if (c === '|' || c === '>') return readBlock(lines, li, s, ownerIndent, path, parent, out);
  if (c === '"' || c === "'") return readQuoted(lines, li, offset, c, path, parent, out);
  if (c === '{' || c === '[') return li; // flow collections are not read
  // plain scalar, maybe continued on more-indented lines
  const first = stripComment(s);
  let value = first;
  let end = offset + first.length;
  let j = li + 1;
  while (j < lines.length) {
    const L = lines[j];
    const b = L.text.slice(L.indent);
    if (b === '') { j++; continue; }
    if (L.indent <= ownerIndent || b.startsWith('#') || keyMatch(b) || /^-(?:[ \t]|$)/.test(b)) break;
    const part = stripComment(b);
    value += ' ' + part;
    end = L.start + L.indent + part.length;
    li = j;
    j++;
  }
  out.push({ path, value, style: 'plain', start: offset, end, parent });
  return li;
}

function readQuoted(lines: Line[], li: number, offset: number, q: string, path: Array<string | number>, parent: number, out: YamlScalar[]): number {
  // scan across lines for the closing quote
  let raw = '';
  let j = li;
  let pos = offset + 1 - lines[li].start;
  for (; j < lines.length; j++, pos = 0) {
    const t = lines[j].text;
    for (let k = pos; k < t.length; k++) {
      const ch = t[k];
      if (q === '"' && ch === '\\') { raw += t.slice(k, k + 2); k++; continue; }
      if (ch === q) {
        if (q === "'" && t[k + 1] === "'") { raw += "''"; k++; continue; }
        out.push({ path, value: decodeQuoted(raw, q), style: q === '"' ? 'double' : 'single', start: offset + 1, end: lines[j].start + k, parent });
        return j;
      }
      raw += ch;
    }
    raw += '\n';
    if (j - li > 2000) break;
  }
  return li;
}

function decodeQuoted(raw: string, q: string): string {
  // line folding: a line break (and the spaces around it) is a space, each empty line is a newline
  const parts = raw.split('\n');
  let s = parts[0];
  if (parts.length > 1) {
    s = parts[0].trimEnd();
    let pendingBlank = 0;
    for (let i = 1; i < parts.length; i++) {
      const p = i === parts.length - 1 ? parts[i].trimStart() : parts[i].trim();
      if (p === '' && i < parts.length - 1) { pendingBlank++; continue; }
      s += (pendingBlank > 0 ? '\n'.repeat(pendingBlank) : ' ') + p;
      pendingBlank = 0;
    }
  }
  if (q === "'") return s.replace(/''/g, "'");
  return s.replace(/\\(["\\/bfnrt0 ]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', ' ': ' ' };
    if (e.length === 1) return map[e];
    return String.fromCharCode(parseInt(e.slice(1), 16));
  });
}

function readBlock(lines: Line[], li: number, header: string, ownerIndent: number, path: Array<string | number>, parent: number, out: YamlScalar[]): number {
  const folded = header[0] === '>';
  const chomp = /-/.test(header.slice(1, 3)) ? 'strip' : /\+/.test(header.slice(1, 3)) ? 'keep' : 'clip';
  const explicit = /[1-9]/.exec(header.slice(1, 3));
  let indent = explicit ? ownerIndent + Number(explicit[0]) : -1;
  const content: Line[] = [];
  let j = li + 1;
  for (; j < lines.length; j++) {
    const L = lines[j];
    const blank = L.text.trim() === '';
    if (!blank) {
      if (indent < 0) indent = L.indent;
      if (L.indent < indent || L.indent <= ownerIndent) break;
    }
    content.push(L);
  }
  while (content.length > 0 && content[content.length - 1].text.trim() === '') content.pop();
  const last = li + content.length;
  if (content.length === 0 || indent < 0) return li;
  const texts = content.map((L) => (L.text.trim() === '' ? '' : L.text.slice(indent)));
  const value0 = folded ? fold(texts) : texts.join('\n');
  const value = chomp !== 'strip' ? value0 + '\n' : value0;
  const first = content.find((L) => L.text.trim() !== '')!;
  const lastLine = content[content.length - 1];
  out.push({ path, value, style: folded ? 'folded' : 'literal', start: first.start + Math.min(indent, first.indent), end: lastLine.start + lastLine.text.trimEnd().length, parent });
  return last;
}

/** YAML folding of a `>` block: lines join with a space, blank lines and more-indented lines keep breaks. */
function fold(texts: string[]): string {
  let value = '';
  let breaks = 0;
  let first = true;
  let prevMore = false;
  for (const t of texts) {
    if (t === '') { breaks++; continue; }
    const more = t[0] === ' ' || t[0] === '\t';
    if (first) value = '\n'.repeat(breaks) + t;
    else if (breaks > 0) value += '\n'.repeat(more || prevMore ? breaks + 1 : breaks) + t;
    else value += (more || prevMore ? '\n' : ' ') + t;
    breaks = 0;
    first = false;
    prevMore = more;
  }
  return value;
}

/** Drops a ` # comment` from a plain scalar line (without a backtracking regex). */
function stripComment(s: string): string {
  let cut = s.length;
  for (let i = 1; i < s.length; i++) if (s[i] === '#' && (s[i - 1] === ' ' || s[i - 1] === '\t')) { cut = i; break; }
  return s.slice(0, cut).trimEnd();
}

function keyMatch(s: string): RegExpExecArray | null {
  return KEY.exec(s.length > 300 ? s.slice(0, 300) : s);
}

function splitLines(text: string, max: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length && lines.length < max) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let t = text.slice(start, end);
    if (t.endsWith('\r')) t = t.slice(0, -1);
    let indent = 0;
    while (indent < t.length && t[indent] === ' ') indent++;
    lines.push({ start, end, indent, text: t.length > 100_000 ? t.slice(0, 100_000) : t });
    if (end >= text.length) break;
    start = end + 1;
  }
  return lines;
}
