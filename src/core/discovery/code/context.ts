/**
 * Where a token range sits in the code: assigned to a name, a keyword argument, an object key, a call
 * argument or a list element; and the chain of enclosing calls/objects/lists above it ("frames").
 */
import { arrowName, functionName, statementTarget, targetName } from './names';
import { Brace, calleeAt, calleeLast, calleeStartFrom, chainStart, objectBraceAt } from './brackets';
import { K, Lang, Toks } from './tokens';

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

/** The cases of slotOf(), in its order (see slotCase()). */
export const enum SlotCase { Stmt, Start, ObjKey, Kwarg, Assign, Append, Key, ColonDefault, KotlinTo, Open, Comma, Return, Arrow, DefaultOp, Other }

/** `how` of the slot cases that carry a name (undefined for the others). */
export const SLOT_HOW: ReadonlyArray<SlotHow | undefined> = (() => {
  const h: Array<SlotHow | undefined> = new Array(SlotCase.Other + 1).fill(undefined);
  h[SlotCase.Kwarg] = 'kwarg';
  h[SlotCase.Assign] = 'assign';
  h[SlotCase.Append] = 'assign';
  h[SlotCase.Key] = 'key';
  h[SlotCase.ColonDefault] = 'default';
  h[SlotCase.KotlinTo] = 'key';
  h[SlotCase.Return] = 'return';
  h[SlotCase.Arrow] = 'return';
  h[SlotCase.DefaultOp] = 'default';
  return h;
})();

const DEFAULT_OPS = new Set(['??', '||', 'or', '?', '?:', 'and', '&&', 'else', 'if']);


const KINDS: ReadonlyArray<Frame['kind']> = ['call', 'tuple', 'list', 'object', 'block'];
/**
 * Cache slots per token in CodeContext.cache: kind, frame, one slot shared by C_BRACE (a `{`: its object brace) and
 * C_LAST (a `(`: calleeLast() + 2), four remembered answers (-1: not computed, -2: none).
 */
const C_KIND = 0;
const C_FRAME = 1;
const C_BRACE = 2;
const C_LAST = 2;
const C_ANSWER = 3;
const SLOTS = 7;
const NOT_YET = -1;
const NONE = -2;
/** The cache array, reused from one context to the next (a context made while another is in use gets its own). */
let SCRATCH = new Int32Array(4096 * SLOTS);
let scratchInUse = false;
const SCRATCH_MAX = 1 << 22;

export class CodeContext {
  private readonly keyCache = new Map<number, Map<string, number>>();
  private readonly commaCache = new Map<number, number[]>();
  /**
   * Per-bracket caches, SLOTS entries per token (C_*): a kind index into KINDS, or an index into frameList or
   * braceList. SCRATCH when it was free (release() frees it).
   */
  private readonly cache: Int32Array;
  private readonly ownsScratch: boolean;
  private readonly frameList: Frame[] = [];
  private readonly braceList: Brace[] = [];

  constructor(readonly T: Toks, readonly match: Int32Array, readonly parent: Int32Array, readonly lang: Lang) {
    const size = T.n * SLOTS;
    // (a very large file gets its own array, so that the shared one stays small)
    this.ownsScratch = !scratchInUse && size <= SCRATCH_MAX;
    if (this.ownsScratch) {
      scratchInUse = true;
      if (SCRATCH.length < size) SCRATCH = new Int32Array(size + 4096);
      this.cache = SCRATCH;
      SCRATCH.fill(NOT_YET, 0, size);
    } else this.cache = new Int32Array(size).fill(NOT_YET);
  }

  /** Frees the cache array for the next context (this one must not be used afterwards). */
  release(): void {
    if (this.ownsScratch) scratchInUse = false;
  }

  /**
   * Element index of token `a` inside its innermost enclosing *matched* bracket: the commas before it at that level
   * (commas inside nested matched brackets do not count; those inside unmatched ones do); 0 outside brackets.
   */
  elemIndex(a: number): number {
    const { match, parent } = this;
    let o = parent[a];
    while (o >= 0 && match[o] < 0) o = parent[o];
    if (o < 0) return 0;
    const commas = this.topCommas(o);
    // commas before `a`
    let lo = 0;
    let hi = commas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (commas[mid] < a) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Text of an operator, identifier, bracket or newline token (undefined for literals). */
  v(i: number): string | undefined {
    const k = this.T.kc(i);
    return k === K.Op || k === K.Id || k === K.Open || k === K.Close || k === K.Nl ? this.T.v(i) : undefined;
  }

  /** Kind of token `i` (undefined outside the stream). */
  k(i: number): string | undefined {
    return this.T.k(i);
  }

  /** Value of token `i` whatever its kind (`Token.v`); undefined outside the stream. */
  tv(i: number): string | undefined {
    return this.T.v(i);
  }

  /** An answer remembered for the bracket at `open` by remember() (question 0 to 3), or -1. */
  remembered(open: number, q: number): number {
    return this.cache[open * SLOTS + C_ANSWER + q];
  }

  remember(open: number, q: number, answer: number): void {
    this.cache[open * SLOTS + C_ANSWER + q] = answer;
  }

  /** Index of the token before the expression at `a`, skipping `await`, `...`, `*` and `**` (-1 at the start). */
  before(a: number): number {
    const { T } = this;
    const kk = T.kk;
    let p = a - 1;
    for (; p >= 0; p--) {
      const k = kk[p];
      if (k === K.Op) {
        const v = T.v(p);
        if (v !== '...' && v !== '*' && v !== '**') break;
      } else if (k !== K.Id || !T.isWord(p, 'await')) break;
    }
    return p;
  }

  /** True when slotOf(a, b).how is 'stmt' (a bare expression statement), without building the slot; `p`: before(a). */
  isStatement(b: number, p: number): boolean {
    const { T } = this;
    const prevK = T.kc(p);
    if (!(prevK === K.None || prevK === K.Nl || (prevK === K.Op && T.v(p) === ';'))) return false;
    const nextK = T.kc(b);
    return nextK === K.None || nextK === K.Nl || (nextK === K.Op && T.v(b) === ';') || (nextK === K.Close && T.v(b) === '}');
  }

  /** How the expression [a, b) is used. */
  slotOf(a: number, b: number): Slot {
    const p = this.before(a);
    return this.slotAt(a, p, this.slotCase(a, b, p));
  }

  /**
   * Which case of slotOf(a, b) applies (`p`: before(a)), without the name or index it reads: slotOf() is
   * slotAt(a, p, slotCase(a, b, p)), so that framesReach() can look at a frame's slot without building it.
   */
  slotCase(a: number, b: number, p: number): SlotCase {
    const { T } = this;
    const container = this.parent[a];
    const prevK = T.kc(p);
    const before = prevK !== K.None && prevK !== K.Str ? T.v(p) : undefined;
    if (prevK === K.None || prevK === K.Nl || (prevK === K.Op && before === ';')) {
      const nextK = T.kc(b);
      const alone = nextK === K.None || nextK === K.Nl || (nextK === K.Op && T.v(b) === ';') || (nextK === K.Close && T.v(b) === '}');
      return alone ? SlotCase.Stmt : SlotCase.Start;
    }
    // a string used as a key: {"role": …}, mapOf("role" to …)
    const nextK = T.kc(b);
    if (nextK !== K.None && ((nextK === K.Op && T.v(b) === ':' && container >= 0 && T.v(container) === '{') || (nextK === K.Id && this.lang === 'kotlin' && T.v(b) === 'to'))) return SlotCase.ObjKey;
    const pv = prevK === K.Str ? '' : before!;
    if (pv === '=' && prevK === K.Op) {
      if (container >= 0 && this.kindOf(container) === 'call' && T.kc(p - 1) === K.Id && (this.v(p - 2) === '(' || this.v(p - 2) === ',')) return SlotCase.Kwarg;
      return SlotCase.Assign;
    }
    if (pv === '+=' || pv === ':=') return SlotCase.Append;
    if (pv === ':' && prevK === K.Op) {
      const k = T.kc(p - 1);
      const kk = this.v(p - 2);
      if ((k === K.Id || k === K.Str) && (kk === '{' || kk === ',' || (kk === '(' && this.lang !== 'python'))) return SlotCase.Key;
      return SlotCase.ColonDefault;
    }
    if (pv === 'to' && this.lang === 'kotlin' && T.kc(p - 1) !== K.None) return SlotCase.KotlinTo;
    if (prevK === K.Open) return SlotCase.Open;
    if (pv === ',' && container >= 0) return SlotCase.Comma;
    if (pv === 'return' || pv === 'yield') return SlotCase.Return;
    if (pv === '=>') return SlotCase.Arrow;
    if (DEFAULT_OPS.has(pv)) return SlotCase.DefaultOp;
    return SlotCase.Other;
  }

  /** The slot of case `sc` (slotCase(a, b, p)) with its name or index. */
  slotAt(a: number, p: number, sc: SlotCase): Slot {
    const { T } = this;
    const container = this.parent[a];
    const prevK = T.kc(p);
    const before = prevK !== K.None && prevK !== K.Str ? T.v(p) : undefined;
    switch (sc) {
      case SlotCase.Stmt: return { how: 'stmt', container, before, at: a };
      case SlotCase.Start: return { how: 'other', container, before, at: a };
      case SlotCase.ObjKey: return { how: 'objkey', container, before, at: a };
      case SlotCase.Open: return { how: this.kindOf(p) === 'call' ? 'arg' : 'elem', index: 0, container, before, at: a };
      case SlotCase.Comma: return { how: this.kindOf(container) === 'call' ? 'arg' : 'elem', index: this.elemIndex(a), container, before, at: a };
      case SlotCase.Other: return { how: 'other', container, before, at: a };
      default: return { how: SLOT_HOW[sc]!, name: this.slotName(a, p, sc), container, before, at: a };
    }
  }

  /** The name of the slot of case `sc` (slotCase(a, b, p)) when its case carries one (SLOT_HOW). */
  slotName(a: number, p: number, sc: SlotCase): string | undefined {
    const { T } = this;
    switch (sc) {
      case SlotCase.Kwarg: case SlotCase.Key: case SlotCase.KotlinTo: return T.v(p - 1);
      case SlotCase.Assign: return targetName(this, p);
      case SlotCase.Append: return T.v(p) === ':=' ? T.v(p - 1) : targetName(this, p);
      case SlotCase.ColonDefault: case SlotCase.DefaultOp: return statementTarget(this, p);
      case SlotCase.Return: return functionName(this, a);
      case SlotCase.Arrow: return arrowName(this, p);
      default: return undefined;
    }
  }

  /**
   * First token of the frame of the bracket at `open` (frameOf(open).start), without building the frame; not for
   * code blocks. `first`: for a call ending with an identifier, the first identifier of its callee chain.
   */
  frameStart(open: number, first: number): number {
    const v = this.T.v(open);
    if (v === '(') {
      const last = this.calleeLastOf(open);
      if (last < 0) return open;
      return this.T.kk[last] === K.Close ? last : calleeStartFrom(this, first);
    }
    if (v === '[') return open;
    return this.objectBrace(open)!.start;
  }

  /** calleeLast(this, open) for a `(` at `open`, remembered (kindOf() asks it). */
  calleeLastOf(open: number): number {
    const at = open * SLOTS + C_LAST;
    const c = this.cache[at];
    if (c >= 0) return c - 2;
    const last = calleeLast(this, open);
    this.cache[at] = last + 2;
    return last;
  }

  /** For a call whose callee ends with an identifier, the first identifier of the chain; -1 otherwise. */
  calleeFirst(open: number): number {
    const last = this.calleeLastOf(open);
    return last >= 0 && this.T.kk[last] === K.Id ? chainStart(this, last) : -1;
  }

  /** Commas at the top level of the matched bracket at `o` (not inside nested matched brackets), found once. */
  private topCommas(o: number): number[] {
    let commas = this.commaCache.get(o);
    if (commas === undefined) {
      const { T, match } = this;
      commas = [];
      const close = match[o];
      for (let j = o + 1; j < close; j++) {
        const k = T.kk[j];
        if (k === K.Open && match[j] > j) j = match[j];
        else if (k === K.Op && T.e[j] - T.s[j] === 1 && T.src.charCodeAt(T.s[j]) === 44 /* , */) commas.push(j);
      }
      this.commaCache.set(o, commas);
    }
    return commas;
  }

  /** Kind of the bracket at `open`, without its slot. */
  kindOf(open: number): Frame['kind'] {
    const at = open * SLOTS + C_KIND;
    const c = this.cache[at];
    if (c >= 0) return KINDS[c];
    const v = this.T.v(open);
    const k = v === '(' ? (this.isCall(open) ? 0 : 1) : v === '[' ? 2 : this.objectBrace(open) ? 3 : 4;
    this.cache[at] = k;
    return KINDS[k];
  }

  /** What the bracket at `open` is: a call (with its callee), an object, a list, a tuple, or a code block. */
  frameOf(open: number): Frame {
    const at = open * SLOTS + C_FRAME;
    const c = this.cache[at];
    if (c >= 0) return this.frameList[c];
    const f = this.computeFrame(open);
    this.cache[at] = this.frameList.length;
    this.frameList.push(f);
    return f;
  }

  private computeFrame(open: number): Frame {
    const v = this.T.v(open);
    const close = this.match[open];
    if (v === '(') {
      const c = calleeAt(this, open);
      if (c) return { open, kind: 'call', callee: c.name, calleeKeyword: c.keyword, start: c.start, slot: this.slotOf(c.start, close + 1) };
      return { open, kind: 'tuple', start: open, slot: this.slotOf(open, close + 1) };
    }
    if (v === '[') return { open, kind: 'list', start: open, slot: this.slotOf(open, close + 1) };
    // '{'
    const obj = this.objectBrace(open);
    if (!obj) return { open, kind: 'block', start: open, slot: { how: 'other', container: this.parent[open] } };
    return { open, kind: 'object', callee: obj.type, start: obj.start, slot: this.slotOf(obj.start, close + 1) };
  }

  /** True when calleeAt(this, open) is defined, without building the callee's name. */
  isCall(open: number): boolean {
    return this.calleeLastOf(open) >= 0;
  }

  /** Object/dict/composite literal braces (vs code blocks), with the Go/Kotlin type name before them. */
  private objectBrace(open: number): Brace | undefined {
    const at = open * SLOTS + C_BRACE;
    const c = this.cache[at];
    if (c >= 0) return this.braceList[c];
    if (c === NONE) return undefined;
    const r = objectBraceAt(this, open);
    if (r === undefined) this.cache[at] = NONE;
    else {
      this.cache[at] = this.braceList.length;
      this.braceList.push(r);
    }
    return r;
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
    const { T } = this;
    let start = true;
    for (let j = open + 1; j < close && j >= 0; j++) {
      const k = T.kk[j];
      if (start && (k === K.Id || k === K.Str)) {
        const next = this.v(j + 1);
        if (next === ':' || (next === '=' && k === K.Id)) out.set(T.v(j)!.toLowerCase(), j + 2);
        if (this.lang === 'kotlin' && next === 'to') out.set(T.v(j)!.toLowerCase(), j + 2);
      }
      start = k === K.Op && T.v(j) === ',';
      if (k === K.Open && this.match[j] > j) j = this.match[j];
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
    const { T } = this;
    for (let j = open + 1; j < close; j++) {
      const k = T.kk[j];
      if (k === K.Open && this.match[j] > j) j = this.match[j];
      else if (k === K.Op && T.v(j) === ',' && j + 1 < close) out.push(j + 1);
      if (out.length > 64) break;
    }
    return out;
  }

  /** First element of the bracket at `open` when elementStarts(open) has exactly two elements; -1 otherwise. */
  firstOfTwo(open: number): number {
    const close = this.match[open];
    if (close <= open + 1) return -1;
    const commas = this.topCommas(open);
    let n = 0;
    for (const j of commas) if (j + 1 < close) n++;
    return n === 1 ? open + 1 : -1;
  }

  /** Text of a simple value at `i`: a string's value or a dotted identifier chain. */
  valueText(i: number): string | undefined {
    const { T } = this;
    const k = T.kc(i);
    if (k === K.None) return undefined;
    if (k === K.Str) return T.v(i);
    if (k !== K.Id) return undefined;
    let s = T.v(i)!;
    for (let j = i; this.v(j + 1) === '.' && T.kc(j + 2) === K.Id; j += 2) s += '.' + T.v(j + 2);
    return s;
  }

  /** First string literal argument of a call whose `(` is at `open` (for `openai("gpt-4o")`). */
  firstStringArg(open: number): string | undefined {
    return this.v(open) === '(' && this.T.kc(open + 1) === K.Str ? this.T.v(open + 1) : undefined;
  }
}
