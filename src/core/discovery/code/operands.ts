/**
 * Operands of string expressions, parsed at a token: literals, groups, `+` and implicit concatenation, joins
 * (`"\n".join([...])`, `[...].join("\n")`, `strings.Join`, `String.join`, `joinToString`), wrapper calls
 * (`textwrap.dedent`, `fmt.Sprintf`, `String.format`, `strings.TrimSpace`), tagged templates and postfix steps
 * (`.strip()`, `.format(...)`, `.trimIndent()`, `% args`). The scan over a whole file is in expressions.ts.
 */
import { dedent, trimIndent, trimMargin } from '../lines';
import type { TemplateSyntax } from '../types';
import { K, Lang, Token, Toks, wordSet } from './tokens';
import { C_BRACKET, C_DOT, C_PAREN, C_PCT, C_PLUS, C_QDOT, firstsOf, isOp, isOpen, valueCode } from './valueCodes';

export interface Operand { end: number; text: string; lits: Token[]; tpl?: TemplateSyntax; ops: string[]; spliced?: string[] }

const DEDENT_CALLS = new Set(['dedent', 'cleandoc', 'textwrap.dedent', 'inspect.cleandoc']);
const FORMAT_CALLS = new Set(['fmt.Sprintf', 'String.format', 'fmt.Sprint']);
const TRIM_CALLS = new Set(['strings.TrimSpace']);
const STRIP_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'trim', 'trimStart', 'trimEnd', 'trimIndent', 'trimMargin', 'stripIndent', 'stripTrailing', 'stripLeading']);
/** Methods of a postfix step: STRIP_METHODS and the format methods (compared without slicing the identifier). */
const POSTFIX_METHODS = wordSet([...STRIP_METHODS, 'format', 'formatted', 'format_map']);
const POSTFIX_METHODS_FIRSTS = firstsOf(POSTFIX_METHODS);
const DEDENT_TAGS = new Set(['dedent', 'outdent', 'stripIndent', 'endent', 'stripIndents', 'oneLine', 'oneLineTrim', 'codeBlock']);
const SHAPE_TAGS = new Set(['sql', 'html', 'css', 'gql', 'graphql', 'md', 'svg', 'xml', 'js', 'json', 'styled', 'keyframes', 'createglobalstyle', 'injectglobal', 'jsx', 'yaml', 'glsl', 'sh', 'bash', 'shell', 'query', 'cypher']);
const MAX_DEPTH = 40;
const KEYWORDS = new Set(['return', 'yield', 'in', 'and', 'or', 'not', 'if', 'else', 'elif', 'await', 'case', 'typeof', 'new', 'throw', 'raise', 'assert', 'del', 'lambda', 'is', 'from', 'import', 'as', 'with', 'for', 'while', 'def', 'class', 'const', 'let', 'var', 'val', 'fun', 'func', 'go', 'defer', 'package', 'export', 'default', 'static', 'final', 'private', 'public', 'protected', 'when', 'instanceof', 'void', 'delete']);
/** KEYWORDS for Toks.wordAt() (identifiers tested without slicing them). */
const KEYWORD_WORDS = wordSet(KEYWORDS);
const KEYWORD_FIRSTS = firstsOf(KEYWORD_WORDS);
/** Words after which `(` opens a group, not call parentheses (compared without slicing the identifier). */
export const GROUP_AFTER = wordSet(['return', 'in', 'and', 'or', 'not', 'if', 'else', 'yield', 'await', 'case', 'typeof', 'is']);
export const GROUP_AFTER_FIRSTS = firstsOf(GROUP_AFTER);

const MAY_HOLD_LITERAL = -1;
const NO_OPERAND = -2;

/** Last names of the callees identOperand treats specially (wrapper, format and join helpers). */
const SPECIAL_LAST = wordSet(['dedent', 'cleandoc', 'TrimSpace', 'Sprintf', 'format', 'Sprint', 'Join', 'join', 'listOf', 'arrayOf', 'mutableListOf']);
const SPECIAL_LAST_FIRSTS = firstsOf(SPECIAL_LAST);

/** True when token `i` (in the stream) is `.` or `?.` followed by an identifier: the dotted chain goes on. */
function chainGoesOn(T: Toks, i: number): boolean {
  if (T.kc(i) !== K.Op || T.kc(i + 1) !== K.Id) return false;
  const c = valueCode(T, i);
  return c === C_DOT || c === C_QDOT;
}

/** Parses the string expression or operand at a token (memoised per token; operands only look ahead). */
export class OperandParser {
  protected readonly memo = new Map<number, Operand | null>();
  /**
   * Operand starts inside a `+` chain that mayStart() already walked and found plain to its end: mayStart() is false
   * for each of them (it would walk the same rest of the chain), so a chain of n operands costs n steps, not n².
   */
  protected readonly plainTail = new Set<number>();
  protected depth = 0;

  constructor(protected readonly T: Toks, protected readonly match: Int32Array, protected readonly lang: Lang) {}

  protected is(i: number, k: K, v?: string): boolean {
    return this.T.is(i, k, v);
  }

  /** operand (('+' | adjacent literal in Python) operand)* with at least one literal. */
  expr(i: number): Operand | null {
    if (this.memo.has(i)) return this.memo.get(i)!;
    if (this.depth > MAX_DEPTH) return null;
    // a chain of plain operands (no literal, no helper call) gives null, and parsing it would memoise nothing else
    const k = this.T.kc(i);
    if ((k === K.Id || k === K.Num) && ((this.plainTail.size > 0 && this.plainTail.has(i)) || !this.chainMayHold(this.plainOperandEnd(i)))) return null;
    this.depth++;
    try {
      const r = this.exprUncached(i);
      this.memo.set(i, r);
      return r;
    } finally {
      this.depth--;
    }
  }

  protected exprUncached(i: number): Operand | null {
    const first = this.operand(i);
    if (!first) return null;
    let parts: Operand[] | null = null;
    let lastPart = first;
    let j = first.end;
    for (;;) {
      if (this.is(j, K.Op, '+')) {
        const next = this.operand(j + 1);
        if (!next) break;
        if (parts === null) parts = [first, next];
        else parts.push(next);
        lastPart = next;
        j = next.end;
      } else if (this.lang === 'python' && this.is(j, K.Str) && lastPart.lits.length > 0) {
        const next = this.operand(j);
        if (!next) break;
        if (parts === null) parts = [first, next];
        else parts.push(next);
        lastPart = next;
        j = next.end;
      } else break;
    }
    if (parts === null) {
      if (first.lits.length === 0) return null;
      return { end: j, text: first.text, lits: first.lits, tpl: first.tpl, ops: first.ops.length > 1 ? [...new Set(first.ops)] : [...first.ops], spliced: first.spliced ? [...first.spliced] : [] };
    }
    let litCount = 0;
    for (const p of parts) litCount += p.lits.length;
    if (litCount === 0) return null;
    // as parts.flatMap(lits), [...new Set(parts.flatMap(ops)), 'concat'], the first tpl, the texts joined
    const lits: Token[] = [];
    const ops: string[] = [];
    const spliced: string[] = [];
    let tpl: TemplateSyntax | undefined;
    let text = '';
    for (const p of parts) {
      for (const l of p.lits) lits.push(l);
      for (const o of p.ops) if (!ops.includes(o)) ops.push(o);
      if (p.spliced) for (const x of p.spliced) spliced.push(x);
      if (tpl === undefined && p.tpl) tpl = p.tpl;
      text += p.text;
    }
    ops.push('concat');
    return { end: j, text, lits, tpl, ops, spliced };
  }

  private operand(i: number): Operand | null {
    const k = this.T.kc(i);
    if (k === K.None) return null;
    let base: Operand | null = null;
    if (k === K.Str) {
      const t = this.T.tok(i)!;
      if (t.form !== 'char') base = this.joinFromSeparator(i) ?? { end: i + 1, text: t.v, lits: [t], tpl: t.tpl, ops: [] };
    } else if (k === K.Open) {
      base = this.group(i) ?? this.listJoin(i);
    } else if (k === K.Id || k === K.Num) {
      base = this.identOperand(i);
    }
    return base ? this.postfix(base) : null;
  }

  /** `(` string-expression `)` */
  private group(i: number): Operand | null {
    const { T } = this;
    if (T.v(i) !== '(') return null;
    const pk = T.kc(i - 1);
    // call parentheses are not a group
    if (pk !== K.None && (pk === K.Close || pk === K.Str || (pk === K.Id && !T.wordIn(i - 1, GROUP_AFTER)))) return null;
    const close = this.match[i];
    if (close < 0) return null;
    const inner = this.expr(i + 1);
    return inner && inner.end === close ? { ...inner, end: close + 1 } : null;
  }

  /** Elements of a bracketed list that are all string expressions (trailing comma allowed); null otherwise. */
  private listItems(open: number): Operand[] | null {
    const close = this.match[open];
    if (close < 0) return null;
    const items: Operand[] = [];
    let j = open + 1;
    while (j < close) {
      const e = this.expr(j) ?? this.identOperand(j);
      if (!e) return null;
      items.push(e);
      j = e.end;
      if (this.is(j, K.Op, ',')) j++;
      else if (j !== close) return null;
    }
    return items.some((x) => x.lits.length > 0) ? items : null;
  }

  private joined(items: Operand[], sep: string, end: number, extra: string[] = []): Operand {
    return { end, text: items.map((x) => x.text).join(sep), lits: items.flatMap((x) => x.lits), tpl: items.find((x) => x.tpl)?.tpl, ops: ['join', ...extra], spliced: items.flatMap((x) => x.spliced ?? []) };
  }

  /** Python `"\n".join([...])` (the separator literal is at `i`). */
  private joinFromSeparator(i: number): Operand | null {
    if (this.lang !== 'python' || !this.is(i + 1, K.Op, '.') || !this.T.isWord(i + 2, 'join') || !this.is(i + 3, K.Open, '(')) return null;
    const close = this.match[i + 3];
    if (!this.is(i + 4, K.Open) || this.T.v(i + 4) === '{' || close < 0 || this.match[i + 4] !== close - 1) return null;
    const items = this.listItems(i + 4);
    return items ? this.joined(items, this.T.v(i)!, close + 1) : null;
  }

  /** JS `[...].join(sep)`; Kotlin `listOf(...).joinToString(sep)` is handled in identOperand. */
  private listJoin(i: number): Operand | null {
    if (this.T.v(i) !== '[') return null;
    const close = this.match[i];
    if (close < 0 || !this.is(close + 1, K.Op, '.') || !this.T.isWord(close + 2, 'join') || !this.is(close + 3, K.Open, '(')) return null;
    const items = this.listItems(i);
    if (!items) return null;
    return this.finishJoin(items, close + 3);
  }

  /** `(sep?)` after a join method: default separator ',' for JS join, ', ' for joinToString. */
  private finishJoin(items: Operand[], open: number): Operand | null {
    const { T } = this;
    const close = this.match[open];
    if (close < 0) return null;
    let sep = T.v(open - 1) === 'joinToString' ? ', ' : ',';
    if (close > open + 1) {
      if (T.kc(open + 1) !== K.Str || close !== open + 2) {
        // joinToString(separator = "\n")
        if (T.kc(close - 1) !== K.Str || !this.is(close - 2, K.Op, '=')) return null;
        sep = T.v(close - 1)!;
      } else sep = T.v(open + 1)!;
    }
    return this.joined(items, sep, close + 1);
  }

  /** An identifier chain: a wrapper call, a join helper, a tagged template, or (inside a concatenation) a placeholder. */
  private identOperand(i: number): Operand | null {
    const { T } = this;
    let j = i;
    const k0 = T.kc(i);
    if (k0 === K.Num) return KEYWORDS.has(T.v(i)!) ? null : { end: i + 1, text: T.v(i)!, lits: [], ops: [] };
    if (k0 !== K.Id || T.wordAt(i, KEYWORD_WORDS, KEYWORD_FIRSTS)) return null;
    // the names of the dotted chain, joined by '.'
    const first = T.v(i)!;
    let callee = first;
    let last = first;
    while (chainGoesOn(T, j + 1)) {
      j += 2;
      last = T.v(j)!;
      callee = callee + '.' + last;
    }
    j++;
    // tagged template: dedent`...`
    if (T.kc(j) === K.Str) {
      const next = T.tok(j)!;
      if (next.form === 'template' && next.s === T.e[j - 1]) {
        if (DEDENT_TAGS.has(callee)) return { end: j + 1, text: trimIndent(next.v), lits: [next], tpl: next.tpl, ops: ['dedent'] };
        const tag = first.toLowerCase();
        if (SHAPE_TAGS.has(tag) || SHAPE_TAGS.has(last.toLowerCase())) return { end: j + 1, text: next.v, lits: [next], tpl: next.tpl, ops: [`tag:${SHAPE_TAGS.has(tag) ? tag : last.toLowerCase()}`] };
      }
    }
    if (this.is(j, K.Open, '(')) {
      const close = this.match[j];
      if (close < 0) return null;
      if (DEDENT_CALLS.has(callee) || TRIM_CALLS.has(callee)) {
        const inner = this.expr(j + 1);
        if (inner && (inner.end === close || this.is(inner.end, K.Op, ','))) {
          const text = DEDENT_CALLS.has(callee) ? dedent(inner.text) : inner.text.trim();
          return { ...inner, end: close + 1, text: callee.endsWith('cleandoc') ? text.trim() : text, ops: [...inner.ops, 'dedent'] };
        }
      }
      if (FORMAT_CALLS.has(callee)) {
        const inner = this.expr(j + 1);
        if (inner && (inner.end === close || this.is(inner.end, K.Op, ','))) return { ...inner, end: close + 1, tpl: inner.tpl ?? 'format', ops: [...inner.ops, 'format'] };
      }
      if (callee === 'strings.Join' && this.is(j + 1, K.Open, '[')) {
        // strings.Join([]string{...}, sep)
        let k = this.match[j + 1] + 1;
        while (this.is(k, K.Id) || this.is(k, K.Op, '*')) k++;
        if (this.is(k, K.Open, '{') && this.is(this.match[k] + 1, K.Op, ',') && this.is(this.match[k] + 2, K.Str) && this.match[k] + 3 === close) {
          const items = this.listItems(k);
          if (items) return this.joined(items, T.v(this.match[k] + 2)!, close + 1);
        }
      }
      if (callee === 'String.join' && this.is(j + 1, K.Str) && this.is(j + 2, K.Op, ',')) {
        let k = j + 3;
        if ((this.is(k, K.Id, 'List') || this.is(k, K.Id, 'Arrays')) && this.is(k + 1, K.Op, '.') && this.is(k + 3, K.Open, '(') && this.match[k + 3] + 1 === close) k += 3;
        else k = j + 2; // varargs: treat ", a, b" as the list from here
        const items = k === j + 2 ? this.varargs(k, close) : this.listItems(k);
        if (items) return this.joined(items, T.v(j + 1)!, close + 1);
      }
      if ((last === 'listOf' || last === 'arrayOf' || last === 'mutableListOf') && this.is(close + 1, K.Op, '.') && this.is(close + 2, K.Id, 'joinToString') && this.is(close + 3, K.Open, '(')) {
        const items = this.listItems(j);
        if (items) return this.finishJoin(items, close + 3);
      }
      j = close + 1;
    }
    // a placeholder: the value of an expression spliced into the text
    while (this.is(j, K.Open, '[') && this.match[j] > j) j = this.match[j] + 1;
    const slot = this.lang === 'typescript' || this.lang === 'javascript' ? `\${${callee}}` : `{${callee}}`;
    return { end: j, text: slot, lits: [], ops: [], spliced: [last] };
  }

  /** `, a, b, c)` of a varargs call starting at the comma `k`. */
  private varargs(k: number, close: number): Operand[] | null {
    const items: Operand[] = [];
    let j = k;
    while (j < close && this.is(j, K.Op, ',')) {
      const e = this.expr(j + 1) ?? this.identOperand(j + 1);
      if (!e) return null;
      items.push(e);
      j = e.end;
    }
    return j === close && items.some((x) => x.lits.length > 0) ? items : null;
  }

  /**
   * The rest of mayStart() once the first operand's plainOperandEnd is `end`: true when it or an operand after a
   * `+` may hold a literal; false when the chain is plain (its operand starts are then remembered in plainTail).
   */
  protected chainMayHold(end: number): boolean {
    const T = this.T;
    if (end === MAY_HOLD_LITERAL) return true;
    if (end === NO_OPERAND || !isOp(T, end, C_PLUS)) return false;
    // a `+` chain (rare): the operand starts after each `+`
    const tail: number[] = [];
    for (;;) {
      tail.push(end + 1);
      end = this.plainOperandEnd(end + 1);
      if (end === MAY_HOLD_LITERAL) return true;
      if (end === NO_OPERAND || !isOp(T, end, C_PLUS)) break;
    }
    for (let k = 0; k < tail.length; k++) this.plainTail.add(tail[k]);
    return false;
  }

  /**
   * End (after postfix calls) of the operand at `i` when it is a plain placeholder or number, as operand(i) would
   * find it; MAY_HOLD_LITERAL when it may hold a literal (a string, a bracket, a helper call, a tagged template);
   * NO_OPERAND when operand(i) is null.
   */
  protected plainOperandEnd(i: number): number {
    const k = this.T.kc(i);
    if (k === K.Str || k === K.Open) return MAY_HOLD_LITERAL;
    if (k === K.Num) return this.postfixEnd(i + 1);
    if (k === K.Id) return this.plainAfterChain(this.chainLast(i));
    return NO_OPERAND;
  }

  /** plainOperandEnd() of an identifier operand whose dotted chain ends at the identifier `last`. */
  protected plainAfterChain(last: number): number {
    const { T, match } = this;
    let j = last + 1;
    const nk = T.kc(j);
    if (nk === K.Str) {
      // maybe a tagged template
      const t = T.tok(j)!;
      if (t.form === 'template' && t.s === T.e[last]) return MAY_HOLD_LITERAL;
    } else if (nk === K.Open) {
      if (valueCode(T, j) === C_PAREN) {
        if (T.wordAt(last, SPECIAL_LAST, SPECIAL_LAST_FIRSTS)) return MAY_HOLD_LITERAL;
        const close = match[j];
        if (close < 0) return NO_OPERAND;
        j = close + 1;
      }
      while (isOpen(T, j, C_BRACKET) && match[j] > j) j = match[j] + 1;
    }
    return this.postfixEnd(j);
  }

  /** The token after the postfix steps (at most 8) that start at `j`. */
  protected postfixEnd(j: number): number {
    for (let guard = 0; guard < 8; guard++) {
      if (this.T.kc(j) !== K.Op) break;
      const end = this.postfixStepEnd(j);
      if (end < 0) break;
      j = end;
    }
    return j;
  }

  /** Last identifier of the dotted chain (`a.b?.c`) that starts with the identifier at `i`. */
  protected chainLast(i: number): number {
    const T = this.T;
    let j = i;
    while (chainGoesOn(T, j + 1)) j += 2;
    return j;
  }

  /**
   * One postfix step at `j`: `.m(…)` with a strip/format method (`kind` is the method), or Python `% args` (`kind`
   * is '%'); `end` is the token after it. Null when no step applies.
   */
  protected postfixStep(j: number): { kind: string; open: number; end: number } | null {
    const end = this.postfixStepEnd(j);
    if (end < 0) return null;
    return valueCode(this.T, j) === C_DOT ? { kind: this.T.v(j + 1)!, open: j + 2, end } : { kind: '%', open: -1, end };
  }

  /** The `end` of postfixStep(j), or -1 when no step applies (without reading the method's name). */
  protected postfixStepEnd(j: number): number {
    const { T } = this;
    if (T.kc(j) !== K.Op) return -1;
    const c = valueCode(T, j);
    if (c === C_DOT) {
      if (T.kc(j + 1) !== K.Id || !isOpen(T, j + 2, C_PAREN)) return -1;
      const close = this.match[j + 2];
      if (close < 0) return -1;
      return T.wordAt(j + 1, POSTFIX_METHODS, POSTFIX_METHODS_FIRSTS) ? close + 1 : -1;
    }
    if (c === C_PCT && this.lang === 'python') {
      let k = j + 1;
      const nk = T.kc(k);
      if (nk === K.Open) k = this.match[k] < 0 ? k : this.match[k];
      else if (nk === K.Id) while (isOp(T, k + 1, C_DOT) && T.kc(k + 2) === K.Id) k += 2;
      else return -1;
      return k + 1;
    }
    return -1;
  }

  /** `.strip()`, `.trimIndent()`, `.format(...)`, `.formatted(...)`, `% args`. */
  private postfix(o: Operand): Operand {
    let cur = o;
    for (let guard = 0; guard < 8; guard++) {
      const step = this.postfixStep(cur.end);
      if (!step) break;
      const m = step.kind;
      if (STRIP_METHODS.has(m)) {
        const text = m === 'trimIndent' || m === 'stripIndent' ? trimIndent(cur.text) : m === 'trimMargin' ? trimMargin(cur.text, this.marginArg(step.open, step.end - 1)) : m.startsWith('l') || m === 'trimStart' || m === 'stripLeading' ? cur.text.trimStart() : m.startsWith('r') || m === 'trimEnd' || m === 'stripTrailing' ? cur.text.trimEnd() : cur.text.trim();
        cur = { ...cur, end: step.end, text, ops: [...cur.ops, m === 'trimIndent' || m === 'trimMargin' || m === 'stripIndent' ? 'dedent' : 'strip'] };
        continue;
      }
      cur = { ...cur, end: step.end, tpl: step.kind === '%' ? 'format' : cur.tpl ?? 'format', ops: [...cur.ops, 'format'] };
    }
    return cur;
  }

  private marginArg(open: number, close: number): string {
    return close === open + 2 && this.T.kc(open + 1) === K.Str ? this.T.v(open + 1) || '|' : '|';
  }
}
