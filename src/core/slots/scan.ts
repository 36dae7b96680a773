/** Shared state and helpers of the double-brace scanners (Jinja, Mustache/Handlebars, Semantic Kernel, Go templates). */
import { boundOf, exprRoots, type Dialect, type Root } from './expr';
import type { SlotKind, TemplateSlot, TemplateSyntax } from './types';

export interface Scope {
  /** Name that closes it: 'for', 'if', 'each', a Mustache section name, 'range', … */
  tag: string;
  loop: boolean;
  /** Bare names inside are fields of the current item (Handlebars `each`/`with`, Mustache loop sections, Go `range`/`with`). */
  itemScope: boolean;
  locals: Set<string>;
}

export interface ScanState {
  readonly text: string;
  readonly syntax: TemplateSyntax;
  readonly out: TemplateSlot[];
  readonly scopes: Scope[];
}

export const inLoop = (st: ScanState) => st.scopes.some((s) => s.loop);
export const isLocalName = (st: ScanState, name: string) => st.scopes.some((s) => s.locals.has(name));
export const inItemScope = (st: ScanState) => st.scopes.some((s) => s.itemScope);

export function push(st: ScanState, slot: Omit<TemplateSlot, 'syntax' | 'inLoop'> & { inLoop?: boolean }): void {
  st.out.push({ ...slot, syntax: st.syntax, inLoop: slot.inLoop ?? inLoop(st) });
}

export function mark(st: ScanState, kind: SlotKind, start: number, end: number, expression: string, name = ''): void {
  push(st, { kind, name, path: name, expression, start, end, bounded: true });
}

/** Pops the innermost scope closed by `tag` (and any scope left open inside it). */
export function popScope(st: ScanState, tag: string): void {
  for (let k = st.scopes.length - 1; k >= 0; k--) {
    if (st.scopes[k].tag === tag) { st.scopes.length = k; return; }
  }
}

export interface EmitOptions {
  kind: 'variable' | 'iterable' | 'condition';
  /** Kind of a slot covering the whole markup when its first root does not (helper calls) or when it has no root. */
  whole: SlotKind;
  /** Whether the first root's slot covers the whole markup (else each root covers only its own name). */
  firstCoversWhole: boolean;
  /** Extra test: this root is a local (item field, alias). */
  local?: (r: Root, expr: string) => boolean;
}

/** Emits one slot per root variable of `expr` (at `exprStart` in the text) for markup spanning [start, end). */
export function emitRoots(st: ScanState, start: number, end: number, exprStart: number, expr: string, dialect: Dialect, o: EmitOptions): void {
  const roots = exprRoots(expr, dialect);
  const loop = inLoop(st);
  if (!o.firstCoversWhole || roots.length === 0) mark(st, o.whole, start, end, expr);
  roots.forEach((r, k) => {
    const local = isLocalName(st, r.name) || (o.local?.(r, expr) ?? false);
    const b = boundOf(expr, r.name);
    const whole = k === 0 && o.firstCoversWhole;
    push(st, {
      kind: local ? 'local' : o.kind, name: r.name, path: r.path, expression: expr,
      start: whole ? start : exprStart + r.start, end: whole ? end : exprStart + r.end,
      inLoop: loop, bounded: b.bounded,
      ...(b.boundCount !== undefined ? { boundCount: b.boundCount } : {}), ...(b.scalar ? { scalar: true } : {}),
    });
  });
}

/** Index of `closer` after `from`, skipping quoted strings inside the markup; -1 when absent within `limit` chars. */
export function findClose(text: string, from: number, closer: string, limit = 4000): number {
  const lim = Math.min(text.length, from + limit);
  for (let i = from; i < lim; i++) {
    const c = text[i];
    if (text.startsWith(closer, i)) return i;
    if (c === '"' || c === "'") {
      const q = c;
      let j = i + 1;
      while (j < lim && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j < lim && text[j] === q) i = j; // else: a lone apostrophe, keep scanning
    }
  }
  return -1;
}

/** Trims whitespace-control markers (`-`, `+`, `~`) and blanks around the inner markup; returns [trimmed, offset of it]. */
export function trimInner(inner: string, base: number): [string, number] {
  const m = /^[\s\-+~]*/.exec(inner)!;
  let end = inner.length;
  while (end > m[0].length && /[\s\-+~]/.test(inner[end - 1])) end--;
  return [inner.slice(m[0].length, end), base + m[0].length];
}

/** Splits on blanks outside quotes and parentheses; each part with its offset. */
export function splitArgs(s: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let depth = 0;
  let cur = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (i === s.length || (depth === 0 && /\s/.test(c))) {
      if (cur >= 0) out.push({ text: s.slice(cur, i), at: cur });
      cur = -1;
      continue;
    }
    if (cur < 0) cur = i;
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < s.length && s[i] !== q) i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** Does a name look like a collection (loop section) rather than a flag: plural or a known list-ish word. */
export function looksLikeCollection(name: string): boolean {
  const n = name.toLowerCase();
  return /(s|list|items|history|memory|context|data)$/.test(n) && !/(is|has|was|ss|us)$/.test(n);
}
