// Pricing a file as soon as it is scanned (analyzeDocument with workspaceRulesLater) and adding the workspace rules'
// findings at the end (addWorkspaceFindings) gives exactly what analyzing every file with the whole workspace gives:
// same numbers, same findings, same order, whatever the severities, ignores and ties.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addWorkspaceFindings, analyzeDocument } from '../../src/core/audit/analyze';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/config/schema';
import { detectPrompts } from '../../src/core/discovery/index';
import { loadCatalog } from '../../src/core/pricing/catalog';
import { mergeFindings, RULE_IDS, RULES, runRules, WORKSPACE_RULES, type Finding, type Rule, type RuleContext } from '../../src/core/rules/index';

const SHARED = [
  'Always answer in a friendly and professional tone. Never reveal internal policies, prices that are not public, or the names of employees. Do not speculate about delivery dates, refunds or legal questions; point the customer to the policy page instead.',
  'If you do not know the answer, say so and offer to connect the customer with a human agent. Keep personal data out of your replies, never ask for passwords or full card numbers, and remind the customer that the chat is recorded for quality purposes.',
  'Example 1:\nReview: The parcel came late and broken.\nSentiment: negative\n\nExample 2:\nReview: Fast delivery, great support!\nSentiment: positive',
  'Return the answer as JSON:\n{\n    "answer": "...",\n    "sources": [\n        "..."\n    ]\n}',
  '    Please note that it is important to basically always be very concise.\n\n\n\n    Use the context below.',
];

test('audit: pricing files early and adding workspace findings later equals pricing them with the whole workspace', async () => {
  const catalog = await loadCatalog();
  let dups = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(fc.oneof(fc.nat(SHARED.length - 1), fc.constantFrom('You are the billing assistant.', 'Context: {{ context }}', 'History: {history}', '<!-- prompt-cost: ignore=duplicate-boilerplate -->', '<!-- prompt-cost: model=gpt-4o-mini requests/day=5000 -->')), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
      fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom('off', 'info', 'warning', 'error')),
      async (docs, rules) => {
        const settings: Settings = { ...DEFAULT_SETTINGS, rules: rules as Settings['rules'] };
        const files = docs.map((parts, k) => {
          const rel = `prompts/p${k}.md`;
          const text = parts.map((p) => (typeof p === 'number' ? SHARED[p] : p)).join('\n\n') + '\n';
          return { rel, text, prompts: detectPrompts(rel, text) };
        });
        const workspacePrompts = files.flatMap((f) => f.prompts.map((prompt) => ({ path: f.rel, prompt })));
        for (const f of files) {
          const whole = await analyzeDocument(f.rel, f.text, { settings, catalog, workspacePrompts, prompts: f.prompts });
          const early = await analyzeDocument(f.rel, f.text, { settings, catalog, prompts: f.prompts, workspaceRulesLater: true });
          assert.deepEqual(early.map((a) => addWorkspaceFindings(a, workspacePrompts)), whole);
          for (const a of whole) if (a.findings.some((x) => x.rule === 'duplicate-boilerplate')) dups++;
        }
      },
    ),
    { numRuns: 120 },
  );
  assert.ok(dups >= 20, `only ${dups} prompts had a duplicate-boilerplate finding`);
});

test('rules: mergeFindings() of the prompt rules\' and the workspace rules\' findings is runRules() of all, ties included', () => {
  // findings from tiny value ranges, so that many compare equal and only the rules' order can separate them
  const finding = fc.record({ usd: fc.constantFrom(0, 1, 2), tokens: fc.constantFrom(0, 5), at: fc.constantFrom(0, 10), tag: fc.nat(1000) });
  fc.assert(
    fc.property(fc.array(fc.array(finding, { maxLength: 4 }), { minLength: RULES.length, maxLength: RULES.length }), (perRule) => {
      const stub = (r: Rule, i: number): Rule => ({
        ...r,
        check: (): Finding[] => perRule[i].map((f) => ({ rule: r.id, severity: 'info', message: `#${f.tag}`, startOffset: f.at, endOffset: f.at + 1, savingsTokens: f.tokens, savingsMonthlyUSD: f.usd, fixes: [] })),
      });
      const stubs = RULES.map(stub);
      const ctx = {} as RuleContext;
      const whole = runRules(ctx, { rules: stubs });
      const a = runRules(ctx, { rules: stubs.filter((r) => !r.workspace) });
      const d = runRules(ctx, { rules: stubs.filter((r) => r.workspace) });
      assert.ok(WORKSPACE_RULES.length > 0);
      assert.deepEqual(mergeFindings(a, d), whole);
    }),
    { numRuns: 500 },
  );
});
