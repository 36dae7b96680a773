/**
 * Where a token range sits in the code: assigned to a name, a keyword argument, an object key, a call
 * argument or a list element; and the chain of enclosing calls/objects/lists above it ("frames").
 */
import { arrowName, functionName, statementTarget, targetName } from './names';
import { FN_KEYWORDS, NOT_CALL } from './vocab';
import type { Lang, Token } from './tokens';

export type SlotHow = 'assign' | 'kwarg' | 'key' | 'arg' | 'elem' | 'return' | 'stmt' | 'default' | 'objkey' | 'other';

export interface Slot {
  how: SlotHow;
  name?: string;
  index?: number;
  /** Innermost enclosing open bracket, or -1. */
  container: number;
  /** Token before the range (after skipping `await`/spread), for keyword checks such as raise/throw. */
  before?: string;
  /** First token of the range. */
  at?: number;
}

export interface Frame {
  open: number;
  kind: 'call' | 'object' | 'list' | 'tuple' | 'block';
  /** Calls: dotted callee ('client.chat.completions.create', 'SystemMessage'); Go composite literals: the type. */
  callee?: string;
  /** 'new', '@', 'def', 'raise', 'throw'… the keyword right before the callee. */
  calleeKeyword?: string;
  /** First token of the callee chain (calls) or of the bracket expression. */
  start: number;
  slot: Slot;
}

const DEFAULT_OPS = new Set(['??', '||', 'or', '?', '?:', 'and', '&&', 'else', 'if']);

export class CodeContext {
  readonly elemIndex: Int32Array;
  private readonly keyCache = new Map<number, Map<string, number>>();
  private readonly kindCache = new Map<number, Frame['kind']>();
  private readonly frameCache = new Map<number, Frame>();

  constructor(readonly toks: Token[], readonly match: Int32Array, readonly parent: Int32Array, readonly lang: Lang) {
    this.elemIndex = new Int32Array(toks.length);
    const counters: number[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.k === 'close' && counters.length > 0 && match[i] >= 0) counters.pop();
      this.elemIndex[i] = counters.length > 0 ? counters[counters.length - 1] : 0;
      if (t.k === 'op' && t.v === ',' && counters.length > 0) counters[counters.length - 1]++;
      if (t.k === 'open' && match[i] >= 0) counters.push(0);
    }
  }

  /** Text of an operator, identifier, bracket or newline token (undefined for literals). */
  v(i: number): string | undefined {
    const t = this.toks[i];
    return t && (t.k === 'op' || t.k === 'id' || t.k === 'open' || t.k === 'close' || t.k === 'nl') ? t.v : undefined;
  }

  /** How the expression [a, b) is used. */
  slotOf(a: number, b: number): Slot {
    const { toks } = this;
    let p = a - 1;
    while (p >= 0 && (this.v(p) === 'await' || this.v(p) === '...' || this.v(p) === '*' || this.v(p) === '**') && toks[p].k !== 'str') p--;
    const container = this.parent[a];
    const prev = toks[p];
    const before = prev && prev.k !== 'str' ? prev.v : undefined;
    const base = { container, before, at: a };
    if (!prev || prev.k === 'nl' || (prev.k === 'op' && prev.v === ';')) {
      const next = toks[b];
      const alone = !next || next.k === 'nl' || (next.k === 'op' && next.v === ';') || (next.k === 'close' && next.v === '}');
      return { how: alone ? 'stmt' : 'other', ...base };
    }
    // a string used as a key: {"role": …}, mapOf("role" to …)
    const next = toks[b];
    if (next && ((next.k === 'op' && next.v === ':' && container >= 0 && toks[container].v === '{') || (next.k === 'id' && next.v === 'to' && this.lang === 'kotlin'))) return { how: 'objkey', ...base };
    const pv = prev.k === 'str' ? '' : prev.v;
    if (pv === '=' && prev.k === 'op') {
      if (container >= 0 && this.kindOf(container) === 'call' && toks[p - 1]?.k === 'id' && (this.v(p - 2) === '(' || this.v(p - 2) === ',')) return { how: 'kwarg', name: toks[p - 1].v, ...base };
      return { how: 'assign', name: targetName(this, p), ...base };
    }
    if (pv === '+=' || pv === ':=') return { how: 'assign', name: pv === ':=' ? toks[p - 1]?.v : targetName(this, p), ...base };
    if (pv === ':' && prev.k === 'op') {
      const k = toks[p - 1];
      const kk = this.v(p - 2);
      if (k && (k.k === 'id' || k.k === 'str') && (kk === '{' || kk === ',' || (kk === '(' && this.lang !== 'python'))) return { how: 'key', name: k.v, ...base };
      return { how: 'default', name: statementTarget(this, p), ...base };
    }
    if (pv === 'to' && this.lang === 'kotlin' && toks[p - 1]) return { how: 'key', name: toks[p - 1].v, ...base };
    if (prev.k === 'open') return { how: this.kindOf(p) === 'call' ? 'arg' : 'elem', index: 0, ...base };
    if (pv === ',' && container >= 0) return { how: this.kindOf(container) === 'call' ? 'arg' : 'elem', index: this.elemIndex[a], ...base };
    if (pv === 'return' || pv === 'yield') return { how: 'return', name: functionName(this, a), ...base };
    if (pv === '=>') return { how: 'return', name: arrowName(this, p), ...base };
    if (DEFAULT_OPS.has(pv)) return { how: 'default', name: statementTarget(this, p), ...base };
    return { how: 'other', ...base };
  }

  /** Kind of the bracket at `open`, without its slot. */
  kindOf(open: number): Frame['kind'] {
    let k = this.kindCache.get(open);
    if (k === undefined) {
      const t = this.toks[open];
      k = t.v === '(' ? (this.callee(open) ? 'call' : 'tuple') : t.v === '[' ? 'list' : this.objectBrace(open) ? 'object' : 'block';
      this.kindCache.set(open, k);
    }
    return k;
  }

  /** What the bracket at `open` is: a call (with its callee), an object, a list, a tuple, or a code block. */
  frameOf(open: number): Frame {
    const cached = this.frameCache.get(open);
    if (cached) return cached;
    const f = this.computeFrame(open);
    this.frameCache.set(open, f);
    return f;
  }

  private computeFrame(open: number): Frame {
    const { toks } = this;
    const t = toks[open];
    const close = this.match[open];
    if (t.v === '(') {
      const c = this.callee(open);
      if (c) return { open, kind: 'call', callee: c.name, calleeKeyword: c.keyword, start: c.start, slot: this.slotOf(c.start, close + 1) };
      return { open, kind: 'tuple', start: open, slot: this.slotOf(open, close + 1) };
    }
    if (t.v === '[') return { open, kind: 'list', start: open, slot: this.slotOf(open, close + 1) };
    // '{'
    const obj = this.objectBrace(open);
    if (!obj) return { open, kind: 'block', start: open, slot: { how: 'other', container: this.parent[open] } };
    return { open, kind: 'object', callee: obj.type, start: obj.start, slot: this.slotOf(obj.start, close + 1) };
  }

  /** Callee of the call whose `(` is at `open`. */
  callee(open: number): { name: string; start: number; keyword?: string } | undefined {
    const { toks } = this;
    let j = open - 1;
    if (this.v(j) === '>') {
      // generic arguments: foo<T>(…)
      let k = j;
      for (let n = 0; n < 20 && k > 0 && this.v(k) !== '<'; n++) k--;
      if (this.v(k) === '<') j = k - 1;
    }
    const t = toks[j];
    if (!t) return undefined;
    if (t.k === 'close') return { name: '?', start: j };
    if (t.k !== 'id' || NOT_CALL.has(t.v)) return undefined;
    const names = [t.v];
    while (j >= 2 && (this.v(j - 1) === '.' || this.v(j - 1) === '?.' || this.v(j - 1) === '::') && toks[j - 2].k === 'id') {
      j -= 2;
      names.unshift(toks[j].v);
    }
    let keyword: string | undefined;
    const kw = this.v(j - 1);
    if (kw === 'new' || kw === '@' || kw === 'raise' || kw === 'throw' || (kw !== undefined && FN_KEYWORDS.has(kw))) {
      keyword = kw;
      if (kw === 'new' || kw === '@') j--;
    }
    return { name: names.join('.'), start: j, keyword };
  }

  /** Object/dict/composite literal braces (vs code blocks), with the Go/Kotlin type name before them. */
  private objectBrace(open: number): { type?: string; start: number } | undefined {
    const { toks, lang } = this;
    const prev = this.v(open - 1);
    if (lang === 'python') return { start: open };
    if (lang === 'typescript' || lang === 'javascript') {
      if (prev === undefined) return undefined;
      return ['=', '(', ',', ':', '[', 'return', '?', '??', '||', '&&', '...', 'yield', 'await'].includes(prev) ? { start: open } : undefined;
    }
    if (lang === 'java' || lang === 'kotlin') return prev === ']' || prev === '=' || prev === ',' || prev === '{' ? { start: open } : undefined;
    // Go: composite literal `T{`, `pkg.T{`, `[]T{`, `&T{`, or an elided type after `,`/`{`/`:`
    if (prev === ',' || prev === '{' || prev === ':') return { start: open };
    let j = open - 1;
    const parts: string[] = [];
    while (j >= 0 && (toks[j].k === 'id' || ['.', '*', '[', ']', '&'].includes(toks[j].v)) && parts.length < 10) {
      parts.unshift(toks[j].v);
      j--;
    }
    if (parts.length === 0) return undefined;
    const lead = this.v(j);
    if (lead === ')' || (toks[j]?.k === 'id') || (lead !== undefined && ['==', '!=', '<', '>', '<=', '>=', '&&', '||', '!'].includes(lead))) return undefined;
    if (parts.length === 1 && ['if', 'for', 'else', 'switch', 'range', 'select', 'func', 'struct', 'interface', 'go', 'defer'].includes(parts[0])) return undefined;
    const type = parts.join('').replace(/^[&*\[\]]+/, '');
    return { type, start: j + 1 };
  }

  /** Frames enclosing the container of `slot`, innermost first, up to `max`, stopping at a code block. */
  frames(slot: Slot, max = 6): Frame[] {
    const out: Frame[] = [];
    let c = slot.container;
    while (c >= 0 && out.length < max) {
      const f = this.frameOf(c);
      if (f.kind === 'block') break;
      out.push(f);
      c = f.slot.container;
    }
    return out;
  }

  /** Top-level `key: value` / `key=value` pairs in a bracket: lowercased key → token index of the value. */
  keysOf(open: number): Map<string, number> {
    const cached = this.keyCache.get(open);
    if (cached) return cached;
    const out = new Map<string, number>();
    const close = this.match[open];
    const { toks } = this;
    let start = true;
    for (let j = open + 1; j < close && j >= 0; j++) {
      const t = toks[j];
      if (start && (t.k === 'id' || t.k === 'str') && (this.v(j + 1) === ':' || (this.v(j + 1) === '=' && t.k === 'id'))) out.set(t.v.toLowerCase(), j + 2);
      if (start && (t.k === 'id' || t.k === 'str') && this.lang === 'kotlin' && this.v(j + 1) === 'to') out.set(t.v.toLowerCase(), j + 2);
      start = t.k === 'op' && t.v === ',';
      if (t.k === 'open' && this.match[j] > j) j = this.match[j];
    }
    this.keyCache.set(open, out);
    return out;
  }

  /** Start token indices of the top-level elements of the bracket at `open`. */
  elementStarts(open: number): number[] {
    const close = this.match[open];
    const out: number[] = [];
    if (close <= open + 1) return out;
    out.push(open + 1);
    for (let j = open + 1; j < close; j++) {
      const t = this.toks[j];
      if (t.k === 'open' && this.match[j] > j) j = this.match[j];
      else if (t.k === 'op' && t.v === ',' && j + 1 < close) out.push(j + 1);
      if (out.length > 64) break;
    }
    return out;
  }

  /** Text of a simple value at `i`: a string's value or a dotted identifier chain. */
  valueText(i: number): string | undefined {
    const t = this.toks[i];
    if (!t) return undefined;
    if (t.k === 'str') return t.v;
    if (t.k !== 'id') return undefined;
    let s = t.v;
    for (let j = i; this.v(j + 1) === '.' && this.toks[j + 2]?.k === 'id'; j += 2) s += '.' + this.toks[j + 2].v;
    return s;
  }

  /** First string literal argument of a call whose `(` is at `open` (for `openai("gpt-4o")`). */
  firstStringArg(open: number): string | undefined {
    const t = this.toks[open + 1];
    return this.v(open) === '(' && t?.k === 'str' ? t.v : undefined;
  }
}
