/**
 * String expressions: one or more literals combined the way code builds prompts — `+` and implicit
 * concatenation, `"\n".join([...])`, `[...].join("\n")`, `strings.Join`, `String.join`, `joinToString`,
 * `textwrap.dedent(...)`, `.format(...)`, `.strip()`, `.trimIndent()`, `.trimMargin()`, `fmt.Sprintf`,
 * `String.format`, tagged templates. Each yields the text the model receives and the literals it came from.
 * This file scans a file for them; operands.ts parses one at a token.
 */
import type { TemplateSyntax } from '../types';
import { GROUP_AFTER, GROUP_AFTER_FIRSTS, Operand, OperandParser } from './operands';
import { K, Token } from './tokens';
import { C_DOT, C_PAREN, C_PCT, C_PLUS, C_QDOT, isOp, isOpen, valueCode } from './valueCodes';

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

/** Finds the string expressions of a file: the scan over its tokens, with the shortcuts that skip positions. */
export class ExprParser extends OperandParser {
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
      } else if (k === K.Id) {
        // alone(i): a whole operand by itself that no `+` follows, so expr(i) is null; when the next token is not an
        // identifier, the scan would skip it too (as it skips every operator, number, closing bracket and newline)
        const nk = i + 1 < n ? kk[i + 1] : K.None;
        if (nk === K.Op) {
          const c = valueCode(T, i + 1);
          if (c !== C_DOT && c !== C_QDOT && c !== C_PLUS && c !== C_PCT) {
            i += 2;
            continue;
          }
        } else if (nk === K.Id) {
          i++;
          continue;
        } else if (nk === K.Close || nk === K.Nl || nk === K.Num || nk === K.None) {
          i += 2;
          continue;
        }
        // the other identifiers of a dotted chain give the same plainOperandEnd, so mayStart is false for them too
        const last = this.chainLast(i);
        if ((this.plainTail.size > 0 && this.plainTail.has(i)) || !this.chainMayHold(this.plainAfterChain(last))) {
          i = last + 1;
          continue;
        }
      } else if (k !== K.Open || !this.mayStartOpen(i)) {
        // operators, numbers, closing brackets, newlines, JSX text: exprTop would say null
        i++;
        continue;
      }
      const r = this.exprTop(i);
      if (r && r.lits.length > 0) {
        out.push({ a: i, b: r.end, lits: r.lits, text: r.text, tpl: r.tpl, ops: r.ops, spliced: r.spliced ?? [] });
        i = r.end;
      } else i++;
    }
    return out;
  }

  /*
   * mayStart: false when `expr(i)` is certainly null for the identifier or bracket at `i` and computing it would look
   * at no other position (so skipping it changes nothing): a bracket that is neither a group nor `[…].join(`, or a
   * chain of plain operands joined by `+` (identifiers that are not wrapper/format/join helpers or tagged templates,
   * with their call parentheses, indexes and postfix calls; numbers) that holds no literal. (A keyword gives null
   * too; treating it as a plain identifier is conservative.)
   */

  /** mayStart(i) for the bracket at `i`. */
  private mayStartOpen(i: number): boolean {
    const { T, match } = this;
    const c = T.src.charCodeAt(T.s[i]);
    if (c === 123 /* { */) return false;
    if (c === 91 /* [ */) {
      const close = match[i];
      return close >= 0 && isOp(T, close + 1, C_DOT) && T.isWord(close + 2, 'join') && isOpen(T, close + 3, C_PAREN);
    }
    const pk = T.kc(i - 1);
    return !(pk === K.Close || pk === K.Str || (pk === K.Id && !T.wordAt(i - 1, GROUP_AFTER, GROUP_AFTER_FIRSTS)));
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
      const c = valueCode(T, i + 1);
      if (c === C_PLUS || c === C_DOT || c === C_PCT) return null;
    } else if (nk === K.Str && this.lang === 'python') return null;
    return { a: i, b: i + 1, lits: [t], text: t.v, tpl: t.tpl, ops: NO_STRINGS, spliced: NO_STRINGS };
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
