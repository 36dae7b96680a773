/** Expressions inside template markup: their root variables and whether a visible bound caps them. */

export type Dialect = 'python' | 'js' | 'jinja' | 'handlebars' | 'sk' | 'go';

export interface Root {
  /** Root identifier (without `$`, `../`, `@root.`, `.`). */
  name: string;
  /** Root plus member path, whitespace removed: `user.name`, `docs[0]`. */
  path: string;
  /** Offsets inside the expression: [start, end) of the path. */
  start: number;
  end: number;
}

const words = (s: string) => new Set(s.split(' '));
const KEYWORDS: Record<Dialect, Set<string>> = {
  python: words('and or not in is if else for lambda None True False await async yield str int float len repr format'),
  jinja: words('and or not in is if else true false none True False None range lipsum dict cycler joiner namespace super caller varargs kwargs self recursive'),
  js: words('true false null undefined new typeof instanceof in of this void await async function return const let var if else JSON Math Object Array String Number Date Boolean'),
  handlebars: words('true false null undefined else as'),
  sk: words('true false'),
  go: words('true false nil and or not eq ne lt le gt ge len index print printf println html js urlquery slice call'),
};

function skipString(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += s[j] === '\\' ? 2 : 1;
  return Math.min(s.length, j + 1);
}

/** Names bound inside the expression itself: comprehension targets, arrow-function parameters. */
function expressionLocals(expr: string): Set<string> {
  const out = new Set<string>();
  for (const m of expr.matchAll(/\bfor\s+([\w\s,()]+?)\s+in\b/g)) for (const n of m[1].split(/[\s,()]+/)) if (n) out.add(n);
  for (const m of expr.matchAll(/\(([\w\s,$]*)\)\s*=>/g)) for (const n of m[1].split(/[\s,]+/)) if (n) out.add(n);
  for (const m of expr.matchAll(/([A-Za-z_$][\w$]*)\s*=>/g)) out.add(m[1]);
  return out;
}

const IDENT_START = /[A-Za-z_$@.]/;

/** Root variables referenced by `expr`, in order of appearance (duplicates kept). */
export function exprRoots(expr: string, dialect: Dialect): Root[] {
  const roots: Root[] = [];
  const kw = KEYWORDS[dialect];
  const locals = dialect === 'python' || dialect === 'js' || dialect === 'jinja' ? expressionLocals(expr) : new Set<string>();
  let i = 0;
  let prevSig = ''; // previous significant (non-space) character
  let prevWord = '';
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"' || c === "'" || c === '`') { i = skipString(expr, i); prevSig = c; prevWord = ''; continue; }
    if (/\d/.test(c)) { while (i < expr.length && /[\w.]/.test(expr[i])) i++; prevSig = '0'; prevWord = ''; continue; }
    if (!IDENT_START.test(c)) { prevSig = c; prevWord = ''; i++; continue; }
    // an identifier, with the prefixes each dialect puts before a root
    const start = i;
    let nameStart = i;
    if (dialect === 'handlebars') {
      while (expr.startsWith('../', nameStart)) nameStart += 3;
      if (expr.startsWith('@root.', nameStart)) nameStart += 6;
      else if (expr.startsWith('this.', nameStart)) nameStart += 5;
    } else if (dialect === 'go') {
      if (expr.startsWith('$.', nameStart)) nameStart += 2;
      else if (expr[nameStart] === '.' || expr[nameStart] === '$') nameStart += 1;
    } else if (dialect === 'sk' && expr[nameStart] === '$') nameStart += 1;
    const m = /^[A-Za-z_@$][\w$]*/.exec(expr.slice(nameStart));
    if (!m) { prevSig = c; prevWord = ''; i++; continue; }
    let end = nameStart + m[0].length;
    let hasMember = false;
    let pathEnd = end;
    for (;;) {
      const mm = /^(\??\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]{0,80}\])/.exec(expr.slice(end));
      if (!mm) break;
      hasMember = true;
      end += mm[0].length;
      if (!/^\s*\(/.test(expr.slice(end)) && pathEnd === end - mm[0].length) pathEnd = end; // a method call ends the path
    }
    const name = m[0];
    const after = expr.slice(end).trimStart();
    const isCall = after.startsWith('(') && !hasMember;
    const isKwarg = after.startsWith('=') && !after.startsWith('==');
    const isFilter = prevSig === '|' && (dialect === 'jinja' || dialect === 'go');
    const isTest = dialect === 'jinja' && (prevWord === 'is' || (prevWord === 'not' && /\bis\s+not\s*$/.test(expr.slice(0, start))));
    const isMember = prevSig === '.' || prevSig === ')' || prevSig === ']';
    const isSpecial = name.startsWith('@') || (dialect !== 'js' && name.startsWith('$') && dialect !== 'sk');
    const bare = (dialect === 'go' && nameStart === start) || (dialect === 'sk' && nameStart === start);
    if (!isCall && !isKwarg && !isFilter && !isTest && !isMember && !isSpecial && !bare && !kw.has(name) && !locals.has(name)) {
      roots.push({ name, path: expr.slice(nameStart, pathEnd).replace(/\s+/g, ''), start: nameStart, end });
    }
    prevWord = name;
    prevSig = 'a';
    i = end;
  }
  return roots;
}

export interface Bound {
  bounded: boolean;
  boundCount?: number;
  scalar?: boolean;
}

/** Words of an identifier: `lastNMessages` → last n messages, `top3_docs` → top 3 docs. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)|(\d)([a-zA-Z])/g, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const BOUND_NAME_WORDS = words('last recent latest top first limit limited max truncated trimmed capped window windowed summary summarized summarised summaries brief excerpt head tail');
const SCALAR_RE = /\|\s*(length|count|wordcount|int|float|bool|round|abs|filesizeformat)\b|\blen\s*\(|\.(length|size)\b(?!\s*\()|^\s*len\s/;
const BOUND_FN_RE = /\b(truncate|truncatewords|truncatechars|limit|take|head|tail|last_n|lastN|top_k|topK|topk|first|last|random|substr|substring|at)\b/;

/**
 * Whether `expr` (for root `name`) visibly caps what it renders. Heuristics, in order: a scalar (`| length`,
 * `len(x)`, `x.length`); a slice with an upper bound or a negative start (`[-6:]`, `[:3]`, `[2:5]`, `.slice(-6)`);
 * an index (`docs[0]`); a bounding filter or function (`truncate`, `first`, `last`, `limit`, `take`, `head`, `tail`,
 * `top_k`, `substring`, `.at()`); bound words in the name (`last_n_turns`, `recent_messages`, `max_docs`,
 * `history_summary`, `top_k_chunks`). `[2:]` and `.slice(2)` drop a prefix and are not a bound.
 */
export function boundOf(expr: string, name: string): Bound {
  if (SCALAR_RE.test(expr)) return { bounded: true, scalar: true };
  const sl = /\[\s*(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*-?\d*\s*)?\]/.exec(expr);
  if (sl && (sl[1] || sl[2])) {
    const a = sl[1] === '' ? undefined : Number(sl[1]);
    const b = sl[2] === '' ? undefined : Number(sl[2]);
    if (a !== undefined && a < 0 && b === undefined) return { bounded: true, boundCount: -a };
    if (a === undefined && b !== undefined && b > 0) return { bounded: true, boundCount: b };
    if (a !== undefined && b !== undefined && Math.sign(a) === Math.sign(b) && b > a) return { bounded: true, boundCount: b - a };
  }
  if (/\[\s*-?\s*[A-Za-z_]\w*\s*:\s*\]|\[\s*:\s*[A-Za-z_]\w*\s*\]/.test(expr)) return { bounded: true };
  const js = /\.slice\(\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\)/.exec(expr);
  if (js) {
    const a = Number(js[1]);
    const b = js[2] === undefined ? undefined : Number(js[2]);
    if (b === undefined && a < 0) return { bounded: true, boundCount: -a };
    if (b !== undefined && b > a && Math.sign(a || 1) === Math.sign(b)) return { bounded: true, boundCount: b - a };
  }
  if (/[\w\])]\s*\[\s*-?\d+\s*\]/.test(expr)) return { bounded: true, boundCount: 1 };
  const fn = BOUND_FN_RE.exec(expr);
  if (fn && fn[1] !== name) {
    const single = /^(first|last|random|at)$/.test(fn[1]);
    const num = /^\D{0,24}?(\d+)/.exec(expr.slice(fn.index + fn[0].length));
    const count = num && !/^(truncate|truncatewords|truncatechars|substr|substring)$/.test(fn[1]) ? Number(num[1]) : undefined;
    return { bounded: true, boundCount: count ?? (single && !num ? 1 : undefined) };
  }
  const w = nameWords(name);
  if (w.some((x) => BOUND_NAME_WORDS.has(x))) {
    const n = w.find((x) => /^\d+$/.test(x));
    return { bounded: true, boundCount: n ? Number(n) : undefined };
  }
  return { bounded: false };
}
