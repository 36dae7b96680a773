/**
 * String expressions: one or more literals combined the way code builds prompts — `+` and implicit
 * concatenation, `"\n".join([...])`, `[...].join("\n")`, `strings.Join`, `String.join`, `joinToString`,
 * `textwrap.dedent(...)`, `.format(...)`, `.strip()`, `.trimIndent()`, `.trimMargin()`, `fmt.Sprintf`,
 * `String.format`, tagged templates. Each yields the text the model receives and the literals it came from.
 */
import { dedent, trimIndent, trimMargin } from '../lines';
import type { TemplateSyntax } from '../types';
import type { Lang, Token } from './tokens';

export interface StrExpr {
  /** First token of the expression (wrappers included) and the token after it. */
  a: number;
  b: number;
  /** Literal tokens whose contents make the text, in order. */
  lits: Token[];
  text: string;
  tpl?: TemplateSyntax;
  /** Transforms and shapes seen: 'concat', 'join', 'dedent', 'format', 'tag:sql', … */
  ops: string[];
  /** Identifiers spliced into the text (`"…" + RULES`, `[…, POLICY].join("\n")`). */
  spliced: string[];
}

interface Operand { end: number; text: string; lits: Token[]; tpl?: TemplateSyntax; ops: string[]; spliced?: string[] }

const DEDENT_CALLS = new Set(['dedent', 'cleandoc', 'textwrap.dedent', 'inspect.cleandoc']);
const FORMAT_CALLS = new Set(['fmt.Sprintf', 'String.format', 'fmt.Sprint']);
const TRIM_CALLS = new Set(['strings.TrimSpace']);
const STRIP_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'trim', 'trimStart', 'trimEnd', 'trimIndent', 'trimMargin', 'stripIndent', 'stripTrailing', 'stripLeading']);
const DEDENT_TAGS = new Set(['dedent', 'outdent', 'stripIndent', 'endent', 'stripIndents', 'oneLine', 'oneLineTrim', 'codeBlock']);
const SHAPE_TAGS = new Set(['sql', 'html', 'css', 'gql', 'graphql', 'md', 'svg', 'xml', 'js', 'json', 'styled', 'keyframes', 'createglobalstyle', 'injectglobal', 'jsx', 'yaml', 'glsl', 'sh', 'bash', 'shell', 'query', 'cypher']);
const MAX_DEPTH = 40;
const KEYWORDS = new Set(['return', 'yield', 'in', 'and', 'or', 'not', 'if', 'else', 'elif', 'await', 'case', 'typeof', 'new', 'throw', 'raise', 'assert', 'del', 'lambda', 'is', 'from', 'import', 'as', 'with', 'for', 'while', 'def', 'class', 'const', 'let', 'var', 'val', 'fun', 'func', 'go', 'defer', 'package', 'export', 'default', 'static', 'final', 'private', 'public', 'protected', 'when', 'instanceof', 'void', 'delete']);
const GROUP_AFTER = new Set(['return', 'in', 'and', 'or', 'not', 'if', 'else', 'yield', 'await', 'case', 'typeof', 'is']);

export class ExprParser {
  private readonly memo = new Map<number, Operand | null>();
  private depth = 0;

  constructor(private readonly toks: Token[], private readonly match: Int32Array, private readonly lang: Lang) {}

  /** All maximal string expressions, left to right, not overlapping. */
  all(): StrExpr[] {
    const out: StrExpr[] = [];
    for (let i = 0; i < this.toks.length; ) {
      const k = this.toks[i].k;
      const r = k === 'str' || k === 'id' || k === 'open' ? this.expr(i) : null;
      if (r && r.lits.length > 0) {
        out.push({ a: i, b: r.end, lits: r.lits, text: r.text, tpl: r.tpl, ops: r.ops, spliced: r.spliced ?? [] });
        i = r.end;
      } else i++;
    }
    return out;
  }

  private is(i: number, k: Token['k'], v?: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.k === k && (v === undefined || t.v === v);
  }

  /** operand (('+' | adjacent literal in Python) operand)* with at least one literal. */
  expr(i: number): Operand | null {
    if (this.memo.has(i)) return this.memo.get(i)!;
    if (this.depth > MAX_DEPTH) return null;
    this.depth++;
    try {
      const r = this.exprUncached(i);
      this.memo.set(i, r);
      return r;
    } finally {
      this.depth--;
    }
  }

  private exprUncached(i: number): Operand | null {
    const first = this.operand(i);
    if (!first) return null;
    const parts: Operand[] = [first];
    let j = first.end;
    for (;;) {
      if (this.is(j, 'op', '+')) {
        const next = this.operand(j + 1);
        if (!next) break;
        parts.push(next);
        j = next.end;
      } else if (this.lang === 'python' && this.is(j, 'str') && parts[parts.length - 1].lits.length > 0) {
        const next = this.operand(j);
        if (!next) break;
        parts.push(next);
        j = next.end;
      } else break;
    }
    const lits = parts.flatMap((p) => p.lits);
    if (lits.length === 0) return null;
    const ops = [...new Set(parts.flatMap((p) => p.ops))];
    if (parts.length > 1) ops.push('concat');
    const tpl = parts.find((p) => p.tpl)?.tpl;
    return { end: j, text: parts.map((p) => p.text).join(''), lits, tpl, ops, spliced: parts.flatMap((p) => p.spliced ?? []) };
  }

  private operand(i: number): Operand | null {
    const t = this.toks[i];
    if (!t) return null;
    let base: Operand | null = null;
    if (t.k === 'str' && t.form !== 'char') {
      base = this.joinFromSeparator(i) ?? { end: i + 1, text: t.v, lits: [t], tpl: t.tpl, ops: [] };
    } else if (t.k === 'open') {
      base = this.group(i) ?? this.listJoin(i);
    } else if (t.k === 'id' || t.k === 'num') {
      base = this.identOperand(i);
    }
    return base ? this.postfix(base) : null;
  }

  /** `(` string-expression `)` */
  private group(i: number): Operand | null {
    if (this.toks[i].v !== '(') return null;
    const prev = this.toks[i - 1];
    // call parentheses are not a group
    if (prev && (prev.k === 'close' || prev.k === 'str' || (prev.k === 'id' && !GROUP_AFTER.has(prev.v)))) return null;
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
      if (this.is(j, 'op', ',')) j++;
      else if (j !== close) return null;
    }
    return items.some((x) => x.lits.length > 0) ? items : null;
  }

  private joined(items: Operand[], sep: string, end: number, extra: string[] = []): Operand {
    return { end, text: items.map((x) => x.text).join(sep), lits: items.flatMap((x) => x.lits), tpl: items.find((x) => x.tpl)?.tpl, ops: ['join', ...extra], spliced: items.flatMap((x) => x.spliced ?? []) };
  }

  /** Python `"\n".join([...])` (the separator literal is at `i`). */
  private joinFromSeparator(i: number): Operand | null {
    if (this.lang !== 'python' || !this.is(i + 1, 'op', '.') || !this.is(i + 2, 'id', 'join') || !this.is(i + 3, 'open', '(')) return null;
    const close = this.match[i + 3];
    if (!this.is(i + 4, 'open') || this.toks[i + 4].v === '{' || close < 0 || this.match[i + 4] !== close - 1) return null;
    const items = this.listItems(i + 4);
    return items ? this.joined(items, this.toks[i].v, close + 1) : null;
  }

  /** JS `[...].join(sep)`; Kotlin `listOf(...).joinToString(sep)` is handled in identOperand. */
  private listJoin(i: number): Operand | null {
    if (this.toks[i].v !== '[') return null;
    const close = this.match[i];
    if (close < 0 || !this.is(close + 1, 'op', '.') || !this.is(close + 2, 'id', 'join') || !this.is(close + 3, 'open', '(')) return null;
    const items = this.listItems(i);
    if (!items) return null;
    return this.finishJoin(items, close + 3);
  }

  /** `(sep?)` after a join method: default separator ',' for JS join, ', ' for joinToString. */
  private finishJoin(items: Operand[], open: number): Operand | null {
    const close = this.match[open];
    if (close < 0) return null;
    let sep = this.toks[open - 1].v === 'joinToString' ? ', ' : ',';
    if (close > open + 1) {
      const s = this.toks[open + 1];
      if (s.k !== 'str' || close !== open + 2) {
        // joinToString(separator = "\n")
        const named = this.toks[close - 1];
        if (named.k !== 'str' || !this.is(close - 2, 'op', '=')) return null;
        sep = named.v;
      } else sep = s.v;
    }
    return this.joined(items, sep, close + 1);
  }

  /** An identifier chain: a wrapper call, a join helper, a tagged template, or (inside a concatenation) a placeholder. */
  private identOperand(i: number): Operand | null {
    const toks = this.toks;
    let j = i;
    const names: string[] = [];
    if (!toks[i] || (toks[i].k !== 'id' && toks[i].k !== 'num') || KEYWORDS.has(toks[i].v)) return null;
    if (toks[i].k === 'num') return { end: i + 1, text: toks[i].v, lits: [], ops: [] };
    while (this.is(j, 'id')) {
      names.push(toks[j].v);
      if ((this.is(j + 1, 'op', '.') || this.is(j + 1, 'op', '?.')) && this.is(j + 2, 'id')) j += 2;
      else break;
    }
    const callee = names.join('.');
    const last = names[names.length - 1];
    j++;
    // tagged template: dedent`...`
    const next = toks[j];
    if (next && next.k === 'str' && next.form === 'template' && next.s === toks[j - 1].e) {
      if (DEDENT_TAGS.has(callee)) return { end: j + 1, text: trimIndent(next.v), lits: [next], tpl: next.tpl, ops: ['dedent'] };
      const tag = names[0].toLowerCase();
      if (SHAPE_TAGS.has(tag) || SHAPE_TAGS.has(last.toLowerCase())) return { end: j + 1, text: next.v, lits: [next], tpl: next.tpl, ops: [`tag:${SHAPE_TAGS.has(tag) ? tag : last.toLowerCase()}`] };
    }
    if (this.is(j, 'open', '(')) {
      const close = this.match[j];
      if (close < 0) return null;
      if (DEDENT_CALLS.has(callee) || TRIM_CALLS.has(callee)) {
        const inner = this.expr(j + 1);
        if (inner && (inner.end === close || this.is(inner.end, 'op', ','))) {
          const text = DEDENT_CALLS.has(callee) ? dedent(inner.text) : inner.text.trim();
          return { ...inner, end: close + 1, text: callee.endsWith('cleandoc') ? text.trim() : text, ops: [...inner.ops, 'dedent'] };
        }
      }
      if (FORMAT_CALLS.has(callee)) {
        const inner = this.expr(j + 1);
        if (inner && (inner.end === close || this.is(inner.end, 'op', ','))) return { ...inner, end: close + 1, tpl: inner.tpl ?? 'format', ops: [...inner.ops, 'format'] };
      }
      if (callee === 'strings.Join' && this.is(j + 1, 'open', '[')) {
        // strings.Join([]string{...}, sep)
        let k = this.match[j + 1] + 1;
        while (this.is(k, 'id') || this.is(k, 'op', '*')) k++;
        if (this.is(k, 'open', '{') && this.is(this.match[k] + 1, 'op', ',') && this.is(this.match[k] + 2, 'str') && this.match[k] + 3 === close) {
          const items = this.listItems(k);
          if (items) return this.joined(items, toks[this.match[k] + 2].v, close + 1);
        }
      }
      if (callee === 'String.join' && this.is(j + 1, 'str') && this.is(j + 2, 'op', ',')) {
        let k = j + 3;
        if ((this.is(k, 'id', 'List') || this.is(k, 'id', 'Arrays')) && this.is(k + 1, 'op', '.') && this.is(k + 3, 'open', '(') && this.match[k + 3] + 1 === close) k += 3;
        else k = j + 2; // varargs: treat ", a, b" as the list from here
        const items = k === j + 2 ? this.varargs(k, close) : this.listItems(k);
        if (items) return this.joined(items, toks[j + 1].v, close + 1);
      }
      if ((last === 'listOf' || last === 'arrayOf' || last === 'mutableListOf') && this.is(close + 1, 'op', '.') && this.is(close + 2, 'id', 'joinToString') && this.is(close + 3, 'open', '(')) {
        const items = this.listItems(j);
        if (items) return this.finishJoin(items, close + 3);
      }
      j = close + 1;
    }
    // a placeholder: the value of an expression spliced into the text
    while (this.is(j, 'open', '[') && this.match[j] > j) j = this.match[j] + 1;
    const slot = this.lang === 'typescript' || this.lang === 'javascript' ? `\${${callee}}` : `{${callee}}`;
    return { end: j, text: slot, lits: [], ops: [], spliced: [last] };
  }

  /** `, a, b, c)` of a varargs call starting at the comma `k`. */
  private varargs(k: number, close: number): Operand[] | null {
    const items: Operand[] = [];
    let j = k;
    while (j < close && this.is(j, 'op', ',')) {
      const e = this.expr(j + 1) ?? this.identOperand(j + 1);
      if (!e) return null;
      items.push(e);
      j = e.end;
    }
    return j === close && items.some((x) => x.lits.length > 0) ? items : null;
  }

  /** `.strip()`, `.trimIndent()`, `.format(...)`, `.formatted(...)`, `% args`. */
  private postfix(o: Operand): Operand {
    let cur = o;
    for (let guard = 0; guard < 8; guard++) {
      const j = cur.end;
      if (this.is(j, 'op', '.') && this.is(j + 1, 'id') && this.is(j + 2, 'open', '(')) {
        const m = this.toks[j + 1].v;
        const close = this.match[j + 2];
        if (close < 0) break;
        if (STRIP_METHODS.has(m)) {
          const text = m === 'trimIndent' || m === 'stripIndent' ? trimIndent(cur.text) : m === 'trimMargin' ? trimMargin(cur.text, this.marginArg(j + 2, close)) : m.startsWith('l') || m === 'trimStart' || m === 'stripLeading' ? cur.text.trimStart() : m.startsWith('r') || m === 'trimEnd' || m === 'stripTrailing' ? cur.text.trimEnd() : cur.text.trim();
          cur = { ...cur, end: close + 1, text, ops: [...cur.ops, m === 'trimIndent' || m === 'trimMargin' || m === 'stripIndent' ? 'dedent' : 'strip'] };
          continue;
        }
        if (m === 'format' || m === 'formatted' || m === 'format_map') {
          cur = { ...cur, end: close + 1, tpl: cur.tpl ?? 'format', ops: [...cur.ops, 'format'] };
          continue;
        }
        break;
      }
      if (this.lang === 'python' && this.is(j, 'op', '%') && (this.is(j + 1, 'id') || this.is(j + 1, 'open'))) {
        let k = j + 1;
        if (this.toks[k].k === 'open') k = this.match[k] < 0 ? k : this.match[k];
        else while (this.is(k + 1, 'op', '.') && this.is(k + 2, 'id')) k += 2;
        cur = { ...cur, end: k + 1, tpl: 'format', ops: [...cur.ops, 'format'] };
        continue;
      }
      break;
    }
    return cur;
  }

  private marginArg(open: number, close: number): string {
    return close === open + 2 && this.toks[open + 1].k === 'str' ? this.toks[open + 1].v || '|' : '|';
  }
}
