// The string-expression scan's shortcuts (expressions.ts, operands.ts) give what the plain scan gives: expr() at every
// literal, identifier and bracket, left to right. Operators are compared by value code (valueCodes.ts) exactly where
// their values used to be compared, and Toks.wordAt() answers what Toks.wordIn() answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lex } from '../../src/core/discovery/code/detectCode';
import { ExprParser, type StrExpr } from '../../src/core/discovery/code/expressions';
import type { Operand } from '../../src/core/discovery/code/operands';
import { VALUES } from '../../src/core/discovery/code/lexChars';
import { K, Lang, matchBrackets, Toks, wordSet } from '../../src/core/discovery/code/tokens';
import { firstsOf, valueCode } from '../../src/core/discovery/code/valueCodes';

/** The scan without shortcuts: every operand may hold a literal, and exprTop() is asked at every candidate token. */
class PlainScan extends ExprParser {
  protected override plainOperandEnd(): number {
    return -1; // MAY_HOLD_LITERAL: no chain is plain, no position is skipped
  }

  protected override plainAfterChain(): number {
    return -1;
  }

  plainAll(): StrExpr[] {
    const out: StrExpr[] = [];
    const top = (this as unknown as { exprTop(i: number): Operand | null }).exprTop.bind(this);
    for (let i = 0; i < this.T.n; ) {
      const k = this.T.kc(i);
      const r = k === K.Str || k === K.Id || k === K.Open ? top(i) : null;
      if (r && r.lits.length > 0) {
        out.push({ a: i, b: r.end, lits: r.lits, text: r.text, tpl: r.tpl, ops: r.ops, spliced: r.spliced ?? [] });
        i = r.end;
      } else i++;
    }
    return out;
  }
}

const LANGS: Array<[Lang, boolean]> = [['python', false], ['typescript', false], ['javascript', true], ['go', false], ['java', false], ['kotlin', false]];

const STRINGS: Record<Lang, string[]> = {
  python: ['"a"', "'b c'", '"You are a helpful assistant."', 'f"hi {x}"', '"""doc\nstring"""', "r'raw'", '"\\n"', '"%s and %d"', '"{name}"', '""'],
  typescript: ['"a"', "'b c'", '"You are a helpful assistant."', '`tpl ${x} y`', '`plain`', '"\\n"', '""'],
  javascript: ['"a"', "'b c'", '`tpl ${x} y`', '`plain text`', '"\\n"', '<div>hello there</div>', '<SystemMessage>You are</SystemMessage>'],
  go: ['"a"', '"b c"', '`raw text`', '"\\n"', '"%s and %d"', '""', "'x'"],
  java: ['"a"', '"b c"', '"""\n  text block\n  """', '"\\n"', '"%s"', '""', "'x'"],
  kotlin: ['"a"', '"b c $x"', '"""\n  |margin\n  """', '"\\n"', '"${a.b}"', "'x'", '`odd name`'],
};

/** Words, chains, helper names, keywords, operators and brackets, alone: the shapes mayStart() and alone() judge. */
const WORDS = ['x', 'foo', 'a.b', 'a?.b', 'a.b.c', 'return', 'in', 'and', 'not', 'if', 'else', 'await', 'typeof', 'is', 'new', 'format', 'join', 'Join', 'dedent', 'cleandoc', 'TrimSpace', 'Sprintf', 'listOf', 'joinToString', 'strip', 'trimIndent', 'formatted', 'textwrap.dedent', 'fmt.Sprintf', 'String.format', 'strings.Join', 'String.join', 'List.of', 'sql', 'styled.div', 'é', '$x', '12', '0x1f', ' ', '\n', '(', ')', '[', ']', '{', '}', '.', '?.', '+', '+', '%', ',', ';', '=', ':', '==', '=>', '<', '>', '»', '\\', '@', '#'];

/** Whole constructs whose tokens must be adjacent: joins, wrappers, postfix calls, tagged templates, `+` chains, groups. */
const SNIPPETS = ['"\\n".join([a, "b"])', '"-".join((x, "y"))', '[x, "y"].join("\\n")', 'textwrap.dedent("""\n  a\n""")', 'fmt.Sprintf("%s: %d", x, 2)', 'String.format("%s", x)', '"a {}".format(x)', '"a %s" % x', '"a %s" % (x, y)', '"a %s" % self.x.y', 'dedent`\n  a ${x}\n`', 'sql`select 1`', 'styled.div`color: red;`', 'listOf("a", b).joinToString("\\n")', 'String.join("\\n", "a", b)', 'String.join(", ", List.of("a", "b"))', 'strings.Join([]string{"a", b}, "\\n")', 'strings.TrimSpace("  x ")', '("a" + b)', '("a" "b")', 'return ("a")', 'foo("a").strip()', '"x".trimIndent()', 'a.b("x") + "y"', 'x + y + "z"', 'x + y + z', '1 + "a"', 'f(x) + "a"', 'a[0] + "x"', 'a.b?.c(d)[1].format(e) + "x"', 'x.format(y) + z', '"a" + ("b" + c)', 'foo(bar(baz("a")))', '((((("a")))))', '{"k": "v"}', '('.repeat(42) + 'x + "a"' + ')'.repeat(42), 'x + '.repeat(12) + '"a"'];

function code(lang: Lang): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STRINGS[lang]) }, { weight: 2, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 5, arbitrary: fc.constantFrom(...WORDS) });
  return fc.array(fc.tuple(piece, fc.constantFrom('', '', ' ')), { maxLength: 120 }).map((a) => a.map(([p, s]) => p + s).join(''));
}

function tokens(src: string, lang: Lang, jsx: boolean): { T: Toks; match: Int32Array } {
  const T = lex(src, lang, jsx);
  return { T, match: matchBrackets(T).match };
}

const shape = (es: StrExpr[]): unknown[] => es.map((e) => [e.a, e.b, e.lits.map((l) => [l.s, l.e]), e.text, e.tpl, e.ops, e.spliced]);

for (const [lang, jsx] of LANGS) {
  test(`${lang}: the expression scan with its shortcuts equals the plain scan`, () => {
    fc.assert(
      fc.property(code(lang), (src) => {
        const a = tokens(src, lang, jsx);
        const b = tokens(src, lang, jsx);
        assert.deepEqual(shape(new ExprParser(a.T, a.match, lang).all()), shape(new PlainScan(b.T, b.match, lang).plainAll()), JSON.stringify(src));
      }),
      { numRuns: 250 },
    );
  });
}

test('valueCode() matches v() for every token; wordAt() matches wordIn()', () => {
  const seen = ['.', '?.', '+', '%', ',', '(', '[', '{', '=', 'regex', '/>', 'a', 'x'];
  const words = wordSet(['return', 'in', 'format', 'join', 'x', 'a', 'é', 'élan', 'z'.repeat(33)]);
  const firsts = firstsOf(words);
  fc.assert(
    fc.property(fc.constantFrom(...LANGS), fc.array(fc.constantFrom(...WORDS, ...SNIPPETS, 'élan', 'z'.repeat(33), '/re/g', '</a>'), { maxLength: 60 }), ([lang, jsx], parts) => {
      const { T } = tokens(parts.join(' '), lang, jsx);
      // identifiers not read yet (compared with the source), then read (compared by value)
      for (let i = -1; i <= T.n; i++) assert.equal(T.wordAt(i, words, firsts), T.wordIn(i, words), `${i}`);
      for (let i = -1; i <= T.n; i++) {
        const v = T.v(i);
        for (const w of seen) assert.equal(valueCode(T, i) === VALUES.indexOf(w) + 1, v === w, `${i} ${v} ${w}`);
        assert.equal(T.wordAt(i, words, firsts), T.wordIn(i, words), `${i} ${v}`);
      }
    }),
    { numRuns: 300 },
  );
});
