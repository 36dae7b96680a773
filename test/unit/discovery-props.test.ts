import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { detectPrompts, detectRaw, type DetectedPrompt } from '../../src/core/discovery/index';
import { DEAD, textClass, textClassPlain } from '../../src/core/discovery/code/textClass';
import { declaration, EXT, GenLang, junkCode, literals, promptText } from './helpers/codeGen';

const LANGS: GenLang[] = ['python', 'typescript', 'javascript', 'go', 'java', 'kotlin'];
const PATHS = ['a.py', 'a.ts', 'a.tsx', 'a.js', 'a.go', 'A.java', 'a.kt', 'prompts/a.md', 'a.prompty', 'a.prompt', 'prompts/a.j2', 'prompts/a.hbs', 'x/skprompt.txt', 'AGENTS.md', '.cursor/rules/a.mdc', '.github/instructions/a.instructions.md', 'c.yaml', 'c.json', 'promptfooconfig.yaml', 'system_prompt.txt'];

/** Ranges inside the text, lines ordered and consistent with the offsets, text non-empty, results sorted and disjoint. */
function checkInvariants(text: string, found: DetectedPrompt[]): void {
  const lineOf = (o: number): number => text.slice(0, o).split(/\r\n|\r|\n/).length - 1;
  let last = -1;
  for (const p of found) {
    assert.ok(p.startOffset >= 0 && p.startOffset < p.endOffset && p.endOffset <= text.length, `range ${p.startOffset}-${p.endOffset} of ${text.length}`);
    assert.ok(p.startLine <= p.endLine, 'startLine <= endLine');
    assert.equal(p.startLine, lineOf(p.startOffset));
    assert.equal(p.endLine, lineOf(p.endOffset - 1));
    assert.ok(p.text.trim() !== '', 'text non-empty');
    assert.ok(p.confidence >= 0 && p.confidence <= 1);
    assert.ok(p.startOffset >= last, 'sorted and disjoint');
    last = p.endOffset;
  }
}

test('any text, any path: no throw, ranges inside the text', () => {
  const anyText = fc.oneof(fc.string({ maxLength: 600, size: 'large' }), fc.string({ unit: 'binary', maxLength: 600, size: 'large' }), fc.string({ unit: fc.constantFrom('-', '\n', ' ', ':', '|', '>', '"', "'", '`', '{', '}', '[', ']', '#', 'a', '\\', '$', '(', ')', '/', '*', '<', '=', '\r'), maxLength: 600, size: 'large' }));
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), anyText, (path, text) => {
      detectRaw(path, text); // the unguarded handler must not throw either
      checkInvariants(text, detectPrompts(path, text, { minConfidence: 0 }));
    }),
    { numRuns: 400 },
  );
});

for (const lang of LANGS) {
  test(`${lang}: random code with embedded literals never breaks the lexer`, () => {
    fc.assert(
      fc.property(junkCode(lang), (code) => {
        const path = `src/x.${EXT[lang]}`;
        detectRaw(path, code);
        checkInvariants(code, detectPrompts(path, code, { minConfidence: 0 }));
      }),
      { numRuns: 150 },
    );
  });

  test(`${lang}: a prompt constant in any literal form is found with its decoded text`, () => {
    fc.assert(
      fc.property(promptText, fc.nat(), (s, pick) => {
        const forms = literals(lang, s);
        const lit = forms[pick % forms.length];
        const code = declaration(lang, lang === 'go' || lang === 'kotlin' ? 'systemPrompt' : 'SYSTEM_PROMPT', lit);
        const found = detectPrompts(`src/x.${EXT[lang]}`, code);
        checkInvariants(code, found);
        const hit = found.find((p) => p.text === s.trim());
        assert.ok(hit, `${lit} not found in ${JSON.stringify(found.map((f) => f.text))}`);
        assert.equal(hit.kind, 'embedded');
      }),
      { numRuns: 60 },
    );
  });
}

test('large and hostile inputs finish quickly', () => {
  const cases: Array<[string, string]> = [
    ['a.py', 'x = "' + 'a'.repeat(1_000_000)],
    ['a.ts', '`${'.repeat(30_000)],
    ['a.tsx', '<a '.repeat(50_000)],
    ['a.go', '('.repeat(100_000)],
    ['A.java', '"""' + 'x\\'.repeat(100_000)],
    ['a.kt', '/*'.repeat(100_000)],
    ['a.js', '/ '.repeat(200_000)],
    ['c.yaml', 'a:\n  - |\n'.repeat(50_000)],
    ['c.json', '['.repeat(100_000)],
    ['a.prompt', '{{'.repeat(100_000)],
    ['prompts/a.md', '-'.repeat(1_000_000)],
  ];
  for (const [path, text] of cases) {
    const t0 = Date.now();
    checkInvariants(text, detectPrompts(path, text, { minConfidence: 0 }));
    const ms = Date.now() - t0;
    assert.ok(ms < 5000, `${path} took ${ms} ms`);
  }
});

test('textClass (one pass) equals its plain definition on any text', () => {
  const unit = fc.constantFrom('a', 'B', '7', ' ', '\t', '\n', '\v', '\u00a0', '\u2003', '{', '}', '$', '%', 's', 'd', '_', '.', '/', ':', '<', ',', '@', 'select', 'SELECT ', '(select', 'from', 'http://', 'x.y', '{{', '}}', '${', 'é', 'hi', 'Dear', 'unsubscribe', '<b>', 'Subject:');
  // one-token texts (no white space) decide the dead bit: identifiers, URLs, and the SQL, HTML and e-mail shapes that are not
  const token = fc.constantFrom('a', 'hi', 'Dear', ',', 'unsubscribe', 'select', 'SELECT', '(', 'from', '<b>', 'x.y', 'http://', '{', '}', '$', '%', 's', '@', '_', ':', '/');
  const text = fc.oneof(fc.string({ unit, maxLength: 80 }), fc.string({ maxLength: 80 }), fc.string({ unit: token, maxLength: 8 }), fc.string({ unit, minLength: 3990, maxLength: 4010 }));
  fc.assert(
    fc.property(text, (t) => {
      const plain = textClassPlain(t);
      assert.equal(textClass(t, true), plain, JSON.stringify(t));
      // without wantDead only the dead bit may be missing
      assert.equal(textClass(t, false) & ~DEAD, plain & ~DEAD, JSON.stringify(t));
    }),
    { numRuns: 5000 },
  );
});

// Bad input: a 1 MB chain of `+` operands without a literal once took ~15 minutes (every operand re-walked the rest of
// the chain); each operand is now walked once. The timeout only stops a hang, it is not a speed target (see bench/).
test('a 1 MB `x + x + …` chain, and one ending in a prompt, finish (no quadratic walk of the chain)', { timeout: 120000 }, () => {
  const n = (1 << 20) / 4;
  assert.deepEqual(detectPrompts('A.java', 'x + '.repeat(n)), []);
  const found = detectPrompts('a.ts', 'y + '.repeat(n) + '1;\nconst SYSTEM_PROMPT = "You are a support assistant. Answer the question from the context.";');
  assert.deepEqual(found.map((p) => [p.name, p.startLine]), [['SYSTEM_PROMPT', 1]]);
});

test('a `prompt += "…"` run of 38k lines is one prompt holding every line (merged in place, not copied per line)', { timeout: 120000 }, () => {
  const n = 38000;
  const text = 'prompt = "You are a careful assistant. Answer briefly."\n' + 'prompt += "more text here"\n'.repeat(n);
  const found = detectPrompts('a.py', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'You are a careful assistant. Answer briefly.' + 'more text here'.repeat(n));
  assert.equal(found[0].endLine, n);
});
