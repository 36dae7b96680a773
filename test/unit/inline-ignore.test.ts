import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getEncoding } from 'js-tiktoken';
import { analyzeDocument } from '../../src/core/audit/analyze';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';
import type { DetectedPrompt } from '../../src/core/discovery/types';
import { loadCatalog } from '../../src/core/pricing/catalog';
import { buildRuleContext, runRules } from '../../src/core/rules/index';
import { parseInlineAnnotation } from '../../src/core/slots/inline';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;

const LINES = ['Answer the question of the customer.', 'Be brief and friendly.', 'Cite the order number.', 'Never promise refunds.', 'Escalate angry customers.'];
const WASTE = LINES.map((l) => `            ${l}        `).join('\n\n\n\n\n');

function ctx(doc: string) {
  const s = doc.indexOf(WASTE);
  const prompt: DetectedPrompt = {
    kind: 'prompt-file', format: 'markdown', name: 'p', text: WASTE, startOffset: s, endOffset: s + WASTE.length,
    startLine: 0, endLine: 0, confidence: 1, evidence: [],
  };
  return buildRuleContext({ path: 'prompts/p.md', documentText: doc, prompt, count, settings: DEFAULT_SETTINGS, monthlyUSDPerInputToken: 1e-3 });
}

test('inline ignore=: parsed (repeatable, deduplicated), not reported as invalid, other keys still read', () => {
  const doc = '# prompt-cost: ignore=few-shot-bloat model=gpt-4o ignore=whitespace-waste ignore=few-shot-bloat context=200\nPROMPT = "Use {context}"';
  const a = parseInlineAnnotation(doc, doc.indexOf('Use'), doc.length - 1)!;
  assert.deepEqual(a.ignore, ['few-shot-bloat', 'whitespace-waste']);
  assert.deepEqual(a.invalid, []);
  assert.equal(a.model, 'gpt-4o');
  assert.equal(a.variables.context, 200);
  assert.equal(parseInlineAnnotation('# prompt-cost: context=5\nx = "y"', 25, 26)?.ignore, undefined);
});

test('runRules honours ignore=<rule-id> and ignore=all for the annotated prompt only', () => {
  const plain = runRules(ctx(WASTE));
  assert.ok(plain.some((f) => f.rule === 'whitespace-waste'), 'whitespace-waste fires without an annotation');
  const ignored = runRules(ctx(`<!-- prompt-cost: ignore=whitespace-waste -->\n${WASTE}`));
  assert.ok(!ignored.some((f) => f.rule === 'whitespace-waste'), 'ignored rule is not run');
  assert.deepEqual(runRules(ctx(`<!-- prompt-cost: ignore=all -->\n${WASTE}`)), []);
  const other = runRules(ctx(`<!-- prompt-cost: ignore=few-shot-bloat -->\n${WASTE}`));
  assert.ok(other.some((f) => f.rule === 'whitespace-waste'), 'another rule id does not silence it');
});

test('analyzeDocument: an ignore annotation above an embedded prompt drops that rule there and nowhere else', async () => {
  const catalog = await loadCatalog();
  const body = `You are a support assistant for ACME Corp.\n${LINES.map((l) => `        ${l}    `).join('\n\n\n\n\n')}\n    `;
  const doc = `# prompt-cost: ignore=whitespace-waste\nSYSTEM_PROMPT = """${body}"""\n\n\n\n\nOTHER_SYSTEM_PROMPT = """${body}"""\n`;
  const [a, b] = await analyzeDocument('src/app.py', doc, { settings: DEFAULT_SETTINGS, catalog });
  assert.ok(a && b, 'both prompts found');
  assert.deepEqual(a.inline?.ignore, ['whitespace-waste']);
  assert.ok(!a.findings.some((f) => f.rule === 'whitespace-waste'));
  assert.ok(b.findings.some((f) => f.rule === 'whitespace-waste'));
});
