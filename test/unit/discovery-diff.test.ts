// Differential test of the detector's fast paths: the optimised detector (src/core/discovery) must return exactly what
// the frozen reference (test/unit/discovery-oracle, the detector before the speed work) returns, raw findings included
// (kind, text, offsets, confidence, evidence in order), on the labeled workspace, on code built to look like the
// benchmark workspace, on the repository's own sources, and on fast-check inputs (random code, spliced fixture files).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import * as fast from '../../src/core/discovery/index';
import * as oracle from './discovery-oracle/index';
import { declaration, EXT, GenLang, junkCode, literals, promptText } from './helpers/codeGen';
import { LABELED_ROOT } from './helpers/labeledEval';

const LANGS: GenLang[] = ['python', 'typescript', 'javascript', 'go', 'java', 'kotlin'];
const CODE_EXT = /\.(?:py|ts|tsx|mts|cts|js|jsx|mjs|cjs|go|java|kt|kts)$/;

function outcome<T>(f: () => T): { ok: T } | { threw: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { threw: e instanceof Error ? e.constructor.name : String(e) };
  }
}

/** Same raw findings (or the same failure), and the same prompts at the default and at zero confidence. */
function same(path: string, text: string): void {
  assert.deepEqual(outcome(() => fast.detectRaw(path, text)), outcome(() => oracle.detectRaw(path, text)), `detectRaw differs on ${path}`);
  assert.deepEqual(fast.detectPrompts(path, text), oracle.detectPrompts(path, text), `detectPrompts differs on ${path}`);
  assert.deepEqual(fast.detectPrompts(path, text, { minConfidence: 0 }), oracle.detectPrompts(path, text, { minConfidence: 0 }), `detectPrompts(minConfidence 0) differs on ${path}`);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === '.work' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const labeled = walk(LABELED_ROOT).map((abs) => ({ rel: relative(LABELED_ROOT, abs).split(sep).join('/'), text: readFileSync(abs, 'utf8') }));
const labeledCode = labeled.filter((f) => CODE_EXT.test(f.rel));
const codeByLang = new Map<string, string[]>();
for (const f of labeledCode) {
  const ext = f.rel.slice(f.rel.lastIndexOf('.') + 1);
  codeByLang.set(ext, [...(codeByLang.get(ext) ?? []), f.text]);
}

test('differential: labeled workspace (LF, CRLF, and every file read as each code language)', () => {
  for (const f of labeled) {
    same(f.rel, f.text);
    same(f.rel, f.text.replace(/\r?\n/g, '\r\n'));
  }
  for (const f of labeledCode) for (const lang of LANGS) same(`x/y.${EXT[lang]}`, f.text);
});

test('differential: the repository’s own TypeScript and scripts', () => {
  const root = join(__dirname, '..', '..');
  const files = [...walk(join(root, 'src')), ...walk(join(root, 'scripts')), ...walk(join(root, 'test', 'unit'))].filter((p) => CODE_EXT.test(p) || /\.mjs$/.test(p));
  assert.ok(files.length > 20);
  for (const abs of files) {
    const text = readFileSync(abs, 'utf8');
    if (text.length > 300_000) continue;
    same(relative(root, abs).split(sep).join('/'), text);
  }
});

/** Code in the shape of the benchmark workspace (bench/audit.mjs), with and without a prompt. */
function benchLike(ext: string, n: number, withPrompt: boolean): string {
  const lines: string[] = [];
  if (withPrompt) {
    if (ext === 'py') lines.push('SYSTEM_PROMPT = """You are a support assistant for ACME. Answer the customer\'s question using the context.', 'Be concise. the user order', 'Context: {context}', 'Question: {question}"""', '', 'resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "system", "content": SYSTEM_PROMPT}])');
    else lines.push('const SYSTEM_PROMPT = `You are a careful reviewer. Review the diff and list issues.', 'the user order invoice', 'Diff: ${diff}`;', 'await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: SYSTEM_PROMPT }] });');
  }
  for (let i = 0; i < n; i++) {
    if (ext === 'py') lines.push(`def handler_${i}(request, order_id):`, `    """Return the total for an order."""`, `    total = compute_total(request, ${i})`, `    log.info("processed %s in %d ms", order_id, total)`, `    return {"status": "ok", "value": total}`, '');
    else if (ext === 'go') lines.push(`func Handler${i}(ctx context.Context, id string) (int, error) {`, `\tv, err := store.Get(ctx, "user-" + id)`, `\tif err != nil { return 0, fmt.Errorf("get order: %w", err) }`, `\treturn v * ${i}, nil`, '}', '');
    else if (ext === 'java') lines.push(`  public int handle${i}(String id) {`, `    logger.info("handling {} for user", id);`, `    return repository.count${i}(id) + ${i};`, '  }', '');
    else lines.push(`export function handler${i}(req: Request): number {`, `  const v = req.user ?? ${i};`, `  console.log(\`processed \${v} order\`);`, `  return v * 2;`, '}', '');
  }
  return lines.join('\n');
}

test('differential: benchmark-shaped code in every language', () => {
  for (const ext of ['py', 'go', 'java', 'ts', 'kt', 'js']) {
    for (const withPrompt of [false, true]) same(`pkg/file.${ext}`, benchLike(ext, 20, withPrompt));
  }
});

for (const lang of LANGS) {
  test(`differential: ${lang} random code and prompt constants`, () => {
    const path = `src/x.${EXT[lang]}`;
    fc.assert(fc.property(junkCode(lang), (code) => same(path, code)), { numRuns: 300 });
    fc.assert(
      fc.property(promptText, fc.nat(), fc.constantFrom('SYSTEM_PROMPT', 'systemPrompt', 'x', 'query', 'PASSWORD_PROMPT', 'rules'), (s, pick, name) => {
        const forms = literals(lang, s);
        same(path, declaration(lang, name, forms[pick % forms.length]));
      }),
      { numRuns: 100 },
    );
  });
}

test('differential: fixture code files cut and spliced at random points', () => {
  const exts = [...codeByLang.keys()];
  const piece = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat());
  fc.assert(
    fc.property(fc.constantFrom(...exts), fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '\n', ' + ', '(', ')', '"', '`', '{', '}', ','), (ext, pieces, glue) => {
      const files = codeByLang.get(ext)!;
      const text = pieces
        .map(([f, a, b]) => {
          const t = files[f % files.length];
          const s = a % (t.length + 1);
          return t.slice(s, s + (b % 3000));
        })
        .join(glue);
      same(`src/cut.${ext}`, text);
    }),
    { numRuns: 400 },
  );
});

test('differential: any text, any path', () => {
  const paths = ['a.py', 'a.ts', 'a.tsx', 'a.js', 'a.go', 'A.java', 'a.kt', 'prompts/a.md', 'a.prompty', 'c.yaml', 'c.json'];
  const anyText = fc.oneof(fc.string({ maxLength: 400, size: 'large' }), fc.string({ unit: fc.constantFrom('-', '\n', ' ', ':', '|', '"', "'", '`', '{', '}', '[', ']', '#', 'a', 'You are', ' the user', '\\', '$', '(', ')', '/', '*', '<', '=', '+', ',', '.', '\r', 'prompt', 'system', 'role', 'content'), maxLength: 400, size: 'large' }));
  fc.assert(fc.property(fc.constantFrom(...paths), anyText, (path, text) => same(path, text)), { numRuns: 600 });
});

test('differential: reused token buffers (a large file, then small ones, in every language)', () => {
  const big = labeledCode.map((f) => f.text).join('\n').repeat(6);
  for (const lang of LANGS) {
    const path = `src/big.${EXT[lang]}`;
    same(path, big);
    for (const f of labeledCode.slice(0, 12)) same(`src/small.${EXT[lang]}`, f.text);
    same(path, '('.repeat(5000) + big.slice(0, 20000));
  }
});
