import * as assert from 'assert';
import { detectPrompts } from '../../../src/core/discovery/index';
import { parseInlineAnnotation } from '../../../src/core/slots/inline';
import { annotationChange } from '../../../src/vscode/annotations';
import type { AnnotationKey } from '../../../src/vscode/annotations';

/** Applies annotationChange to prompt `index` of `text` and returns the new text (undefined: no change offered). */
function annotate(path: string, text: string, lang: string, key: AnnotationKey, value: string, index = 0): string | undefined {
  const p = detectPrompts(path, text)[index];
  assert.ok(p, `a prompt in ${path}`);
  const c = annotationChange(text, p, parseInlineAnnotation(text, p.startOffset, p.endOffset), lang, key, value);
  return c && text.slice(0, c.start) + c.text + text.slice(c.end);
}

/** What the core reads for prompt `index` after the change. */
function readBack(path: string, text: string, index = 0) {
  const p = detectPrompts(path, text)[index];
  return parseInlineAnnotation(text, p.startOffset, p.endOffset);
}

const PY = 'client = OpenAI()\n\nSYSTEM_PROMPT = """You are the refund assistant of Acme. Refunds are possible within 14 days of a charge.\nAnswer politely and never promise anything outside the policy."""\n';

describe('prompt-cost: annotations written in each file syntax (pure, checked with the core parser)', () => {
  it('Python: a # comment above the assignment; keys added to and replaced in the same comment', () => {
    const a = annotate('src/a.py', PY, 'python', 'model', 'gpt-4o')!;
    assert.match(a, /\n# prompt-cost: model=gpt-4o\nSYSTEM_PROMPT = """/);
    const b = annotate('src/a.py', a, 'python', 'requests/day', '30000')!;
    assert.match(b, /# prompt-cost: model=gpt-4o requests\/day=30000\n/);
    const c = annotate('src/a.py', b, 'python', 'model', 'gpt-4.1')!;
    assert.match(c, /# prompt-cost: model=gpt-4\.1 requests\/day=30000\n/);
    assert.deepStrictEqual([readBack('src/a.py', c)?.model, readBack('src/a.py', c)?.requestsPerDay], ['gpt-4.1', 30000]);
    assert.strictEqual(annotate('src/a.py', c, 'python', 'model', 'gpt-4.1'), undefined, 'nothing to change');
  });

  it('TypeScript // comments, YAML # comments with the key’s indentation, none for JSON', () => {
    const ts = 'const SYSTEM_PROMPT = `You are the billing assistant of Acme Cloud Storage. Explain plans, invoices and charges in plain words.`;\n';
    assert.match(annotate('src/a.ts', ts, 'typescript', 'ignore', 'verbose-filler')!, /^\/\/ prompt-cost: ignore=verbose-filler\nconst SYSTEM_PROMPT/);
    const yaml = 'agents:\n  support:\n    system_prompt: |\n      You are the support assistant of Acme. Answer questions about billing and storage plans politely.\n      Always ask for the account id first.\n';
    assert.match(annotate('config/agents.yaml', yaml, 'yaml', 'model', 'gpt-4o')!, /\n {4}# prompt-cost: model=gpt-4o\n {4}system_prompt: \|/);
    const json = '{ "system_prompt": "You are the support assistant of Acme. Answer questions about billing and storage plans politely and ask for the account id first." }';
    if (detectPrompts('config/agent.json', json).length) assert.strictEqual(annotate('config/agent.json', json, 'json', 'model', 'gpt-4o'), undefined);
  });

  it('prompt files: front matter comment, Jinja comment, HTML comment; ignore ids accumulate', () => {
    const fm = '---\nmodel: googleai/gemini-2.5-flash\n---\nYou extract invoice numbers from {{invoiceText}} and answer with JSON only, never prose.\n';
    assert.match(annotate('prompts/x.prompt', fm, 'plaintext', 'model', 'gpt-4o')!, /^---\nmodel: googleai\/gemini-2\.5-flash\n# prompt-cost: model=gpt-4o\n---\n/);
    const j2 = 'You answer questions about Acme using only these articles.\n{% for a in articles %}{{ a.body }}{% endfor %}\n';
    const j = annotate('prompts/rag.j2', j2, 'jinja', 'requests/day', '500')!;
    assert.match(j, /^\{# prompt-cost: requests\/day=500 #\}\n/);
    assert.strictEqual(readBack('prompts/rag.j2', j)?.requestsPerDay, 500);
    const md = 'You are the support assistant of Acme Cloud Storage. Answer briefly and politely.\n';
    const m1 = annotate('prompts/a.md', md, 'markdown', 'ignore', 'whitespace-waste')!;
    assert.match(m1, /^<!-- prompt-cost: ignore=whitespace-waste -->\n/);
    const m2 = annotate('prompts/a.md', m1, 'markdown', 'ignore', 'verbose-filler')!;
    assert.match(m2, /^<!-- prompt-cost: ignore=whitespace-waste ignore=verbose-filler -->\n/);
    assert.deepStrictEqual(readBack('prompts/a.md', m2)?.ignore, ['whitespace-waste', 'verbose-filler']);
    assert.strictEqual(annotate('prompts/a.md', m2, 'markdown', 'ignore', 'verbose-filler'), undefined, 'already ignored');
  });
});
