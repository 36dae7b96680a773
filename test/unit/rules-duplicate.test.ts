// duplicate-boilerplate looks shingles up by a hash of word ids: it must give exactly what the rule as first written
// (a text key per word position) gives, on workspaces full of shared passages and near misses, also when every
// shingle hash collides with others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { getEncoding } from 'js-tiktoken';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';
import type { DetectedPrompt } from '../../src/core/discovery/types';
import { duplicateBoilerplate, hashing } from '../../src/core/rules/duplicate-boilerplate';
import { buildRuleContext, type RuleContext } from '../../src/core/rules/index';
import { duplicateBoilerplateRef } from './helpers/duplicateBoilerplateRef';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;

type Entry = { path: string; prompt: DetectedPrompt };
const mk = (path: string, text: string): Entry => ({
  path, prompt: { kind: 'prompt-file', format: 'md', name: path, text, startOffset: 0, endOffset: text.length, startLine: 0, endLine: 0, confidence: 1, evidence: [] },
});
const ctxOf = (e: Entry, ws: Entry[] | undefined, cached: boolean): RuleContext => buildRuleContext({
  path: e.path, documentText: e.prompt.text, prompt: e.prompt, count, settings: DEFAULT_SETTINGS, monthlyUSDPerInputToken: 0.15e-6 * 1000 * 30,
  workspacePrompts: ws, cache: cached ? { minCacheableTokens: 1024, cachedInputDiscount: 0.5 } : undefined,
});

for (const [label, mask] of [['', -1], [' (hashes colliding on purpose: 4 buckets)', 3]] as const) test(`duplicate-boilerplate: the same findings as the rule as first written, on random workspaces${label}`, () => {
  hashing.mask = mask;
  const word = fc.constantFrom('answer', 'the', 'customer', 'politely.', 'Never', 'reveal', 'internal', 'policies', 'or', 'prices,', 'and', 'keep', 'replies', 'short.', 'You', 'are');
  const passage = fc.array(word, { minLength: 8, maxLength: 40 });
  const sep = fc.constantFrom(' ', '\n', '  ', '\n\n', '\t');
  let withFindings = 0;
  fc.assert(
    fc.property(fc.array(passage, { minLength: 1, maxLength: 4 }), fc.array(fc.array(fc.tuple(fc.nat(5), fc.array(word, { maxLength: 6 }), sep), { maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.nat(3),
      (passages, specs, cached, pathMod) => {
        // each prompt: some shared passages (by index) with a few words of its own between them
        const ws = specs.map((parts, k) => mk(`prompts/p${k % (pathMod + 1)}.md`, parts.map(([pi, own, s]) => [...(passages[pi % passages.length] ?? []), ...own].join(s)).join('\n')));
        const foreign = mk('prompts/other.md', passages.map((p) => p.join(' ')).join('\n'));
        for (const e of [...ws, foreign, mk(ws[0].path, ws[0].prompt.text)]) {
          for (const list of [ws, [...ws, ws[0]]]) {
            const got = duplicateBoilerplate.check(ctxOf(e, list, cached));
            assert.deepEqual(got, duplicateBoilerplateRef.check(ctxOf(e, list, cached)));
            if (got.length > 0) withFindings++;
          }
        }
      }),
    { numRuns: 150 },
  );
  assert.ok(withFindings >= 50, `only ${withFindings} checks found a duplicate: the workspaces test too little`);
  hashing.mask = -1;
});
