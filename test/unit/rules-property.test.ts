import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { getEncoding } from 'js-tiktoken';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/config/schema';
import type { DetectedPrompt } from '../../src/core/discovery/types';
import { buildRuleContext, nonOverlapping, RULES, runRules } from '../../src/core/rules/index';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;

const PIECES = [
  'Example 1:\n', 'Example 2:\n', '## Example 3\n', 'Input: ', 'Output: ', 'Q: ', 'A: ', 'user:\n', 'assistant:\n', '<example>', '</example>',
  'Examples:\n', '1. ', '- ', 'Please note that ', 'In order to ', 'I want you to ', 'very very ', 'basically ', '"', '`', '```\n',
  '{\n  "a": 1,\n  "b": [1, 2]\n}', '{"a":1}', '{{ history }}', '{history[-5:]}', '{context}', '${docs}', '{% for x in xs %}', '{% endfor %}',
  '{{#each items}}', '{{/each}}', '{{', '}}', '{', '}', '[', ']', '\n', '\n\n\n\n', '    ', '   \n', '\t', '\\n', '\\', 'é', '😀', '\r\n',
  '# prompt-cost: history=10 loop=2\n', 'the same long boilerplate passage about refunds and shipping and privacy for every customer ',
];

const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 40 }).map((a) => a.join(''));

test('property: rules never throw; findings, fixes and related stay inside the document / prompt', () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, budgets: { ...DEFAULT_SETTINGS.budgets, maxTokensPerPrompt: 5, maxMonthlyUSDPerPrompt: 0.0001 } };
  fc.assert(
    fc.property(text, text, text, fc.boolean(), fc.constantFrom<DetectedPrompt['kind']>('prompt-file', 'embedded'), (before, body, after, decoded, kind) => {
      // the document holds `raw`; the prompt's text is either the same or a decoded variant (as discovery reports for literals)
      const raw = body;
      const doc = before + raw + after;
      const ptext = decoded ? raw.replace(/\\n/g, '\n').trim() : raw;
      const prompt: DetectedPrompt = {
        kind, format: kind === 'embedded' ? 'python' : 'markdown', name: 'p', text: ptext, startOffset: before.length, endOffset: before.length + raw.length,
        startLine: 0, endLine: 0, confidence: 1, evidence: [],
      };
      const other: DetectedPrompt = { ...prompt, text: ptext + ' tail', startOffset: 0, endOffset: 0 };
      const ctx = buildRuleContext({
        path: 'p.md', documentText: doc, prompt, count, settings, monthlyUSDPerInputToken: 1e-4, monthlyUSD: 1,
        workspacePrompts: [{ path: 'p.md', prompt }, { path: 'q.md', prompt: other }], cache: { minCacheableTokens: 8, cachedInputDiscount: 0.5 },
      });
      const [ps, pe] = [prompt.startOffset, prompt.endOffset];
      for (const rule of RULES) {
        for (const f of rule.check(ctx)) {
          const where = JSON.stringify({ rule: rule.id, doc, ptext, f: [f.startOffset, f.endOffset] });
          assert.ok(f.startOffset >= ps && f.startOffset <= f.endOffset && f.endOffset <= pe, where);
          assert.ok(Number.isFinite(f.savingsTokens) && f.savingsTokens >= 0, where);
          assert.ok(Number.isFinite(f.savingsMonthlyUSD) && f.savingsMonthlyUSD >= 0, where);
          for (const fix of f.fixes) {
            assert.ok(fix.edits.length > 0 && nonOverlapping(fix.edits), where);
            for (const e of fix.edits) assert.ok(e.startOffset >= ps && e.startOffset <= e.endOffset && e.endOffset <= pe, where);
          }
          for (const r of f.related ?? []) assert.ok(r.startOffset >= 0 && r.startOffset <= r.endOffset, where);
        }
      }
      runRules(ctx);
    }),
    { numRuns: 250 },
  );
});
