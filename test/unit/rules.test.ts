import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { getEncoding } from 'js-tiktoken';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/config/schema';
import type { DetectedPrompt } from '../../src/core/discovery/types';
import { cacheUnfriendlyOrder } from '../../src/core/rules/cache-unfriendly-order';
import { duplicateBoilerplate } from '../../src/core/rules/duplicate-boilerplate';
import { applyEdits, buildRuleContext, nonOverlapping, RULES, runRules, type Finding, type RuleContext, type RuleContextInput } from '../../src/core/rules/index';
import { overBudget } from '../../src/core/rules/over-budget';
import { prettyJson } from '../../src/core/rules/pretty-json';
import { unboundedVariable } from '../../src/core/rules/unbounded-variable';
import { verboseFiller } from '../../src/core/rules/verbose-filler';
import { whitespaceWaste } from '../../src/core/rules/whitespace-waste';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;
const PER_TOKEN = 0.15e-6 * 1000 * 30;

/** A context for the prompt `text` found in `doc` (default: the whole trimmed document); `raw` when the document holds it differently. */
function ctxFor(doc: string, o: { text?: string; raw?: string; kind?: DetectedPrompt['kind']; format?: string; path?: string } & Partial<RuleContextInput> = {}): RuleContext {
  const text = o.text ?? doc.trim();
  const raw = o.raw ?? text;
  const s = doc.indexOf(raw);
  assert.ok(s >= 0, 'prompt not in document');
  const prompt: DetectedPrompt = {
    kind: o.kind ?? 'prompt-file', format: o.format ?? 'markdown', name: 'p', text, startOffset: s, endOffset: s + raw.length,
    startLine: 0, endLine: 0, confidence: 1, evidence: [],
  };
  return buildRuleContext({ path: o.path ?? 'prompts/p.md', documentText: doc, prompt, count, settings: o.settings ?? DEFAULT_SETTINGS, monthlyUSDPerInputToken: PER_TOKEN, ...o });
}

function applyAll(ctx: RuleContext, fs: Finding[]): string {
  const edits = fs.flatMap((f) => f.fixes[0]?.edits ?? []);
  assert.ok(nonOverlapping(edits), 'overlapping edits');
  for (const e of edits) assert.ok(e.startOffset >= ctx.prompt.startOffset && e.endOffset <= ctx.prompt.endOffset, 'edit outside the prompt');
  return applyEdits(ctx.documentText, edits);
}

test('rule registry: ids, defaults, docs pages', () => {
  assert.deepEqual(RULES.map((r) => r.id).sort(), ['cache-unfriendly-order', 'duplicate-boilerplate', 'few-shot-bloat', 'over-budget', 'pretty-json', 'unbounded-variable', 'verbose-filler', 'whitespace-waste']);
  for (const r of RULES) {
    assert.equal(r.docs, `docs/rules/${r.id}.md`);
    assert.ok(existsSync(new URL(`../../${r.docs}`, import.meta.url)), r.docs);
  }
});

test('whitespace-waste: an indented Python literal with blank-line runs and trailing blanks; the fix dedents the literal', () => {
  const body = ['You are a support assistant for ACME Corp.', '    Answer in the language of the customer.', '    Keep every answer under 120 words.',
    '    Cite the order number when you have one.', '    Never promise refunds or discounts.', '', '', '', '    Escalate angry customers to a human agent.   ',
    '    Sign off with the name of the team.'].join('\n');
  const doc = `def build():\n    prompt = """${body}\n    """\n    return prompt\n`;
  const ctx = ctxFor(doc, { text: body, kind: 'embedded', format: 'python' });
  const [f] = whitespaceWaste.check(ctx);
  assert.ok(f && f.savingsTokens >= 3, 'finding');
  assert.match(f.message, /textwrap\.dedent/);
  const expected = ['You are a support assistant for ACME Corp.', 'Answer in the language of the customer.', 'Keep every answer under 120 words.',
    'Cite the order number when you have one.', 'Never promise refunds or discounts.', '', 'Escalate angry customers to a human agent.', 'Sign off with the name of the team.'].join('\n');
  assert.equal(applyAll(ctx, [f]), `def build():\n    prompt = """${expected}\n    """\n    return prompt\n`);
  assert.equal(f.savingsTokens, count(body) - count(expected));
});

test('whitespace-waste look-alike: nested-list indentation that is not common and single blank lines', () => {
  const doc = '# Rules\n\n- Be brief.\n  - At most 3 sentences.\n  - No emojis.\n\n- Be kind.\n\nAnswer: {{ question }}';
  assert.deepEqual(whitespaceWaste.check(ctxFor(doc)), []);
});

test('duplicate-boilerplate: a long shared passage in two prompts, related info points to the copy', () => {
  const shared = 'Always answer in a friendly and professional tone. Never reveal internal policies, prices that are not public, or the names of employees. If you do not know the answer, say so and offer to connect the customer with a human agent. Keep personal data out of your replies and never ask for passwords or full card numbers.';
  const a = `You are the billing assistant.\n${shared}\nExplain invoices line by line.`;
  const b = `You are the shipping assistant.\n${shared}\nTrack parcels with the tracking tool.`;
  const mk = (path: string, t: string): { path: string; prompt: DetectedPrompt } => ({ path, prompt: { kind: 'prompt-file', format: 'md', name: path, text: t, startOffset: 0, endOffset: t.length, startLine: 0, endLine: 0, confidence: 1, evidence: [] } });
  const ws = [mk('prompts/a.md', a), mk('prompts/b.md', b), mk('prompts/c.md', 'Unrelated: answer in a friendly and professional tone.')];
  const ctx = ctxFor(a, { path: 'prompts/a.md', workspacePrompts: ws, cache: { minCacheableTokens: 1024, cachedInputDiscount: 0.5 } });
  const fs = duplicateBoilerplate.check(ctx);
  assert.equal(fs.length, 1);
  const f = fs[0];
  assert.equal(a.slice(f.startOffset, f.endOffset), `assistant.\n${shared}`); // "assistant." ends both first lines
  assert.match(f.message, /also appears in 1 other prompt \(prompts\/b\.md\)/);
  assert.equal(f.related?.[0].path, 'prompts/b.md');
  assert.equal(b.slice(f.related![0].startOffset, f.related![0].endOffset), `assistant.\n${shared}`);
  assert.ok(f.savingsMonthlyUSD > 0 && f.fixes.length === 0);
  // look-alike: only a short phrase in common; and a workspace holding the prompt alone
  assert.deepEqual(duplicateBoilerplate.check(ctxFor(ws[2].prompt.text, { path: 'prompts/c.md', workspacePrompts: ws })), []);
  assert.deepEqual(duplicateBoilerplate.check(ctxFor(a, { path: 'prompts/a.md', workspacePrompts: [ws[0]] })), []);
});

test('unbounded-variable: history and documents without a bound; bounded look-alikes are fine', () => {
  const ctx = ctxFor('Context:\n{{ documents }}\n\nConversation:\n{{ chat_history }}\n\nUser: {{ question }}');
  const fs = unboundedVariable.check(ctx);
  assert.deepEqual(fs.map((f) => ctx.documentText.slice(f.startOffset, f.endOffset)), ['{{ documents }}', '{{ chat_history }}']);
  assert.deepEqual(fs.map((f) => f.savingsTokens), [1500 - 900, 2000 - 900]);
  assert.match(fs[1].message, /last N turns/);
  assert.match(fs[0].message, /top-k chunks/);
  const ok = ctxFor('{{ documents[:3] }}\n{% for m in history[-6:] %}{{ m.content }}{% endfor %}\n{{ chat_summary }} {{ messages | last }} {{ question }}');
  assert.deepEqual(unboundedVariable.check(ok), []);
});

test('verbose-filler: each phrase gets its own finding and fix; the fixes apply together', () => {
  const doc = 'Please note that you must answer in JSON. In order to help the user, I want you to act as a travel agent.\nIt is important to be concise.';
  const ctx = ctxFor(doc);
  const fs = verboseFiller.check(ctx);
  assert.equal(fs.length, 4);
  assert.ok(fs.every((f) => f.savingsTokens > 0 && f.fixes.length === 1));
  assert.equal(applyAll(ctx, fs), 'You must answer in JSON. To help the user, act as a travel agent.\nBe concise.');
});

test('verbose-filler look-alikes: inside quotes, code, block quotes and examples, and "order" in other senses', () => {
  const doc = [
    'Rewrite the sentence "Please note that the store is closed." in plain words.', '```', 'I want you to = 1', '```',
    '> Make sure to read the terms.', 'Example 1:', 'Input: Basically, it works.', 'Output: It works.', '', 'Example 2:', 'Input: In order to win, train.', 'Output: Train to win.',
    '', 'Sort the list in reverse order to save space. Users often remember that the store closes early,',
    'because it is important to them.',
  ].join('\n');
  assert.deepEqual(verboseFiller.check(ctxFor(doc)), []);
});

test('verbose-filler maps fixes into a code literal whose text differs from the source (escapes)', () => {
  const doc = 'PROMPT = "Please note that the answer must be short.\\nUse JSON."\n';
  const ctx = ctxFor(doc, { text: 'Please note that the answer must be short.\nUse JSON.', raw: 'Please note that the answer must be short.\\nUse JSON.', kind: 'embedded', format: 'python' });
  const [f] = verboseFiller.check(ctx);
  assert.equal(applyAll(ctx, [f]), 'PROMPT = "The answer must be short.\\nUse JSON."\n');
});

test('pretty-json: indented JSON example → compact; compact and template JSON are left alone', () => {
  const doc = 'Reply with an object like:\n{\n  "name": "Ada",\n  "tags": ["math", "engines"],\n  "born": 1815,\n  "ratio": 1.50\n}\nNothing else.';
  const ctx = ctxFor(doc);
  const [f] = prettyJson.check(ctx);
  assert.ok(f);
  assert.equal(applyAll(ctx, [f]), 'Reply with an object like:\n{"name":"Ada","tags":["math","engines"],"born":1815,"ratio":1.50}\nNothing else.');
  assert.equal(f.savingsTokens, count(doc.slice(27, doc.indexOf('}') + 1)) - count('{"name":"Ada","tags":["math","engines"],"born":1815,"ratio":1.50}'));
  assert.deepEqual(prettyJson.check(ctxFor('Reply like {"name": "Ada", "born": 1815} only.')), []);
  assert.deepEqual(prettyJson.check(ctxFor('Reply like:\n{\n  "name": "{{ name }}",\n  "born": "{{ year }}"\n}')), []);
  assert.deepEqual(prettyJson.check(ctxFor('Answer {question} as:\n{{\n  "name": "x",\n  "born": 1815\n}}')), []);
  assert.deepEqual(prettyJson.check(ctxFor('Not JSON:\n{\n  name: Ada,\n  born: 1815\n}')), []);
});

const RULES_TEXT = Array.from({ length: 60 }, (_, i) => `${i + 1}. Rule number ${i + 1}: when the customer mentions topic ${i + 1}, follow the matching policy section and cite it.`).join('\n');

test('cache-unfriendly-order: a slot before 1,024+ static tokens; saving = cacheable tokens x discount', () => {
  const doc = `You are helping {user_name} today.\n${RULES_TEXT}`;
  const cache = { minCacheableTokens: 1024, cachedInputDiscount: 0.5 };
  const ctx = ctxFor(doc, { cache });
  const [f] = cacheUnfriendlyOrder.check(ctx);
  assert.ok(f);
  assert.equal(doc.slice(f.startOffset, f.endOffset), '{user_name}');
  const cacheable = count(`You are helping  today.\n${RULES_TEXT}`);
  assert.ok(Math.abs(f.savingsTokens - cacheable * 0.5) <= 2, `${f.savingsTokens} vs ${cacheable * 0.5}`);
  assert.ok(Math.abs(f.savingsMonthlyUSD - cacheable * PER_TOKEN * 0.5) < 0.01);
  assert.match(f.message, /'\{user_name\}' changes per request/);
  // look-alikes: the slot after the static part; a short static part; no cache facts
  assert.deepEqual(cacheUnfriendlyOrder.check(ctxFor(`${RULES_TEXT}\nYou are helping {user_name} today.`, { cache })), []);
  assert.deepEqual(cacheUnfriendlyOrder.check(ctxFor('Hi {user_name}. Be brief and kind.', { cache })), []);
  assert.deepEqual(cacheUnfriendlyOrder.check(ctxFor(doc)), []);
});

test('over-budget: tokens and monthly USD over the budgets; under budget is fine', () => {
  const doc = `System rules:\n${RULES_TEXT}\n{{ question }}`;
  const settings: Settings = { ...DEFAULT_SETTINGS, budgets: { ...DEFAULT_SETTINGS.budgets, maxTokensPerPrompt: 500, maxMonthlyUSDPerPrompt: 1 } };
  const ctx = ctxFor(doc, { settings, monthlyUSD: 5 });
  const fs = overBudget.check(ctx);
  assert.equal(fs.length, 2);
  assert.equal(fs[0].savingsTokens, ctx.promptTokens - 500);
  assert.match(fs[0].message, /over the budget of 500/);
  assert.equal(fs[1].savingsMonthlyUSD, 4);
  assert.equal(doc.slice(fs[0].startOffset, fs[0].endOffset), 'System rules:');
  const roomy: Settings = { ...settings, budgets: { ...settings.budgets, maxTokensPerPrompt: 100_000, maxMonthlyUSDPerPrompt: 10 } };
  assert.deepEqual(overBudget.check(ctxFor(doc, { settings: roomy, monthlyUSD: 5 })), []);
});

test('runRules: severities from settings, off drops a rule, few-shot-bloat first then savings', () => {
  const examples = Array.from({ length: 7 }, (_, i) => `Example ${i + 1}:\nInput: review number ${i + 1} about product ${'abcdefg'[i]} and delivery ${i * 7}\nOutput: ${i % 2 ? 'neg' : 'pos'}\n`).join('\n');
  const doc = `Please note that you classify.\n{{ chat_history }}\n${examples}\nInput: {{ text }}\nOutput:`;
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: { 'verbose-filler': 'off', 'unbounded-variable': 'error' } };
  const fs = runRules(ctxFor(doc, { settings }));
  assert.deepEqual(fs.map((f) => [f.rule, f.severity]), [['few-shot-bloat', 'warning'], ['unbounded-variable', 'error']]);
  const all = runRules(ctxFor(doc));
  assert.equal(all[0].rule, 'few-shot-bloat');
  assert.ok(all.some((f) => f.rule === 'verbose-filler' && f.severity === 'hint'));
  for (let i = 2; i < all.length; i++) assert.ok(all[i - 1].savingsMonthlyUSD >= all[i].savingsMonthlyUSD);
});
