/**
 * String expressions: one or more literals combined the way code builds prompts — `+` and implicit
 * concatenation, `"\n".join([...])`, `[...].join("\n")`, `strings.Join`, `String.join`, `joinToString`,
 * `textwrap.dedent(...)`, `.format(...)`, `.strip()`, `.trimIndent()`, `.trimMargin()`, `fmt.Sprintf`,
 * `String.format`, tagged templates. Each yields the text the model receives and the literals it came from.
 * This file scans a file for them; operands.ts parses one at a token.
 */
import type { TemplateSyntax } from '../types';
import { GROUP_AFTER, Operand, OperandParser } from './operands';
import { K, Token, wordSet } from './tokens';

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

/** The ops and spliced names of a lone literal: none (shared; StrExpr arrays are never written after they are made). */
const NO_STRINGS: string[] = [];

const MAY_HOLD_LITERAL = -1;
const NO_OPERAND = -2;

/** Last names of the callees identOperand treats specially (wrapper, format and join helpers). */
const SPECIAL_LAST = wordSet(['dedent', 'cleandoc', 'TrimSpace', 'Sprintf', 'format', 'Sprint', 'Join', 'join', 'listOf', 'arrayOf', 'mutableListOf']);

/** Finds the string expressions of a file: the scan over its tokens, with the shortcuts that skip positions. */
export class ExprParser extends OperandParser {
  /**
   * Operand starts inside a `+` chain that mayStart() already walked and found plain to its end: mayStart() is false
   * for each of them (it would walk the same rest of the chain), so a chain of n operands costs n steps, not n².
   */
  private readonly plainTail = new Set<number>();
  /** All maximal string expressions, left to right, not overlapping. */
  all(): StrExpr[] {
    const out: StrExpr[] = [];
    const { T } = this;
    const kk = T.kk;
    const n = T.n;
    for (let i = 0; i < n; ) {
      const k = kk[i];
      if (k === K.Str) {
        const one = this.singleLiteral(i);
        if (one) {
          out.push(one);
          i++;
          continue;
        }
      }
      if (k === K.Id) {
        if (this.alone(i)) {
          i++;
          continue;
        }
        if ((this.plainTail.size > 0 && this.plainTail.has(i)) || !this.mayStart(i)) {
          // the other identifiers of a dotted chain give the same plainOperandEnd, so mayStart is false for them too
          i = this.chainLast(i) + 1;
          continue;
        }
      }
      const r = k === K.Str || k === K.Id || (k === K.Open && this.mayStart(i)) ? this.exprTop(i) : null;
      if (r && r.lits.length > 0) {
        out.push({ a: i, b: r.end, lits: r.lits, text: r.text, tpl: r.tpl, ops: r.ops, spliced: r.spliced ?? [] });
        i = r.end;
      } else i++;
    }
    return out;
  }

  /**
   * False when `expr(i)` is certainly null for the identifier or bracket at `i` and computing it would look at no
   * other position (so skipping it changes nothing): a bracket that is neither a group nor `[…].join(`, or a chain
   * of plain operands joined by `+` (identifiers that are not wrapper/format/join helpers or tagged templates, with
   * their call parentheses, indexes and postfix calls; numbers) that holds no literal.
   */
  private mayStart(i: number): boolean {
    const { T, match } = this;
    if (T.kk[i] === K.Open) {
      const c = T.src.charCodeAt(T.s[i]);
      if (c === 123 /* { */) return false;
      if (c === 91 /* [ */) {
        const close = match[i];
        return close >= 0 && T.is(close + 1, K.Op, '.') && T.isWord(close + 2, 'join') && T.is(close + 3, K.Open, '(');
      }
      const pk = T.kc(i - 1);
      return !(pk === K.Close || pk === K.Str || (pk === K.Id && !T.wordIn(i - 1, GROUP_AFTER)));
    }
    // (a keyword gives null too; treating it as a plain identifier is conservative)
    let end = this.plainOperandEnd(i);
    const tail: number[] = [];
    for (;;) {
      if (end === MAY_HOLD_LITERAL) return true;
      if (end === NO_OPERAND || !T.is(end, K.Op, '+')) break;
      tail.push(end + 1);
      end = this.plainOperandEnd(end + 1);
    }
    for (const t of tail) this.plainTail.add(t);
    return false;
  }

  /**
   * True when the identifier at `i` is a whole operand by itself that no `+` follows (the next token is a closing
   * bracket, a newline, a word, a number or an operator other than `.`, `?.`, `+`, `%`): expr(i) is then null
   * (mayStart(i) would say false).
   */
  private alone(i: number): boolean {
    const T = this.T;
    if (i + 1 >= T.n) return true;
    const nk = T.kk[i + 1];
    if (nk === K.Op) {
      const v = T.v(i + 1);
      return v !== '.' && v !== '?.' && v !== '+' && v !== '%';
    }
    return nk === K.Close || nk === K.Nl || nk === K.Id || nk === K.Num;
  }

  /**
   * End (after postfix calls) of the operand at `i` when it is a plain placeholder or number, as operand(i) would
   * find it; MAY_HOLD_LITERAL when it may hold a literal (a string, a bracket, a helper call, a tagged template);
   * NO_OPERAND when operand(i) is null.
   */
  private plainOperandEnd(i: number): number {
    const { T, match } = this;
    const k = T.kc(i);
    if (k === K.Str || k === K.Open) return MAY_HOLD_LITERAL;
    let j: number;
    if (k === K.Num) j = i + 1;
    else if (k === K.Id) {
      j = i;
      while (T.kc(j + 1) === K.Op && (T.v(j + 1) === '.' || T.v(j + 1) === '?.') && T.kc(j + 2) === K.Id) j += 2;
      j++;
      const nk = T.kc(j);
      if (nk === K.Str) {
        // maybe a tagged template
        const t = T.tok(j)!;
        if (t.form === 'template' && t.s === T.e[j - 1]) return MAY_HOLD_LITERAL;
      }
      if (nk === K.Open && T.v(j) === '(') {
        if (T.wordIn(j - 1, SPECIAL_LAST)) return MAY_HOLD_LITERAL;
        const close = match[j];
        if (close < 0) return NO_OPERAND;
        j = close + 1;
      }
      while (T.is(j, K.Open, '[') && match[j] > j) j = match[j] + 1;
    } else return NO_OPERAND;
    for (let guard = 0; guard < 8; guard++) {
      const step = this.postfixStep(j);
      if (!step) break;
      j = step.end;
    }
    return j;
  }

  /**
   * The common case of a string literal standing alone (no join, postfix call, `+` or adjacent literal after it),
   * as exprTop(i) would build it; null when the full parse is needed.
   */
  private singleLiteral(i: number): StrExpr | null {
    const { T } = this;
    if (this.memo.size > 0 && this.memo.has(i)) return null;
    const t = T.tok(i)!;
    if (t.form === 'char') return null;
    const nk = T.kc(i + 1);
    if (nk === K.Op) {
      const v = T.v(i + 1);
      if (v === '+' || v === '.' || v === '%') return null;
    } else if (nk === K.Str && this.lang === 'python') return null;
    return { a: i, b: i + 1, lits: [t], text: t.v, tpl: t.tpl, ops: NO_STRINGS, spliced: NO_STRINGS };
  }

  /** Last identifier of the dotted chain (`a.b?.c`) that starts with the identifier at `i`. */
  private chainLast(i: number): number {
    const T = this.T;
    let j = i;
    while (T.kc(j + 1) === K.Op && (T.v(j + 1) === '.' || T.v(j + 1) === '?.') && T.kc(j + 2) === K.Id) j += 2;
    return j;
  }

  /**
   * expr(i) for the scan of all(): not memoised, since no later position asks for `i` again (operands only look
   * ahead), and at depth 0.
   */
  private exprTop(i: number): Operand | null {
    if (this.memo.size > 0 && this.memo.has(i)) return this.memo.get(i)!;
    this.depth++;
    try {
      return this.exprUncached(i);
    } finally {
      this.depth--;
    }
  }

}
