import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getEncoding } from 'js-tiktoken';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';
import type { DetectedPrompt } from '../../src/core/discovery/types';
import { findExamples } from '../../src/core/rules/examples';
import { fewShotBloat } from '../../src/core/rules/few-shot-bloat';
import { applyEdits, buildRuleContext, nonOverlapping, type Finding, type RuleContext } from '../../src/core/rules/index';
import { findSlots } from '../../src/core/slots/index';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;
const PER_TOKEN = 0.15e-6 * 1000 * 30; // gpt-4o-mini input at 1,000 requests/day for 30 days

function ctxFor(doc: string, extra: Partial<DetectedPrompt> = {}): RuleContext {
  const text = doc.trim();
  const s = doc.indexOf(text);
  const prompt: DetectedPrompt = {
    kind: 'prompt-file', format: 'markdown', name: 'p', text, startOffset: s, endOffset: s + text.length,
    startLine: 0, endLine: 0, confidence: 1, evidence: [], ...extra,
  };
  return buildRuleContext({ path: 'prompts/p.md', documentText: doc, prompt, count, settings: DEFAULT_SETTINGS, monthlyUSDPerInputToken: PER_TOKEN });
}

function applyFix(ctx: RuleContext, f: Finding, title: RegExp): string {
  const fix = f.fixes.find((x) => title.test(x.title));
  assert.ok(fix, `no fix ${title} in ${f.fixes.map((x) => x.title)}`);
  assert.ok(nonOverlapping(fix.edits));
  for (const e of fix.edits) assert.ok(e.startOffset >= ctx.prompt.startOffset && e.endOffset <= ctx.prompt.endOffset);
  return applyEdits(ctx.documentText, fix.edits);
}

const REVIEWS = [
  'I love this phone, the battery lasts all day and the screen is gorgeous',
  'The delivery was late and the box was crushed when it arrived at my door',
  'It is okay I guess, nothing special but it works for the price I paid',
  'Customer support never answered my emails about the broken charger',
  'Best purchase of the year, my kids use it every single day for school',
  'The manual is confusing and setup took two hours of my weekend time',
  'Sound quality blew me away at this price point, highly recommended',
];
const LABEL = ['positive', 'negative', 'neutral', 'negative', 'positive', 'negative', 'positive'];
const HEAD = 'You are a sentiment classifier for product reviews. Answer with one word.\n\n';
const TAIL = '\nReview: {{ review }}\nSentiment:';

test('"Example N:" blocks: too many and a near-duplicate → keep the 3 most diverse; fixes remove exactly those blocks', () => {
  const exs = REVIEWS.map((r, i) => `Example ${i + 1}:\nReview: ${r}\nSentiment: ${LABEL[i]}\n`);
  exs.splice(6, 0, `Example 7:\nReview: ${REVIEWS[0]}!\nSentiment: positive\n`); // near-duplicate of #1
  const doc = HEAD + exs.join('\n') + TAIL;
  const ctx = ctxFor(doc);
  const [f] = fewShotBloat.check(ctx);
  assert.ok(f, 'finding');
  assert.match(f.message, /8 few-shot examples/);
  assert.match(f.message, /#7 ≈ #1/);
  assert.match(f.message, /Keep the 3 most diverse/);
  assert.ok(f.savingsTokens > 50 && f.savingsMonthlyUSD > 0);
  const dedup = applyFix(ctx, f, /near-duplicate/);
  assert.equal(dedup, HEAD + exs.filter((_, i) => i !== 6).join('\n') + TAIL);
  const kept = applyFix(ctx, f, /most diverse/);
  assert.equal((kept.match(/^Example \d+:/gm) ?? []).length, 3);
  assert.ok(kept.endsWith(TAIL) && kept.startsWith(HEAD));
  // savings = count(before) − count(after) of the prompt text
  assert.equal(f.savingsTokens, count(doc.trim()) - count(kept.trim()));
});

test('look-alike: three diverse examples are fine; the live query "Review: {{ review }}" is not an example', () => {
  const doc = HEAD + REVIEWS.slice(0, 3).map((r, i) => `Review: ${r}\nSentiment: ${LABEL[i]}\n`).join('\n') + TAIL;
  const ctx = ctxFor(doc);
  const g = findExamples(ctx.prompt.text, findSlots(ctx.prompt.text));
  assert.equal(g?.examples.length, 3);
  assert.deepEqual(fewShotBloat.check(ctx), []);
});

test('<example> tags, Q:/A: pairs, user/assistant shots, numbered lists and markdown headings are all found', () => {
  const xml = '<examples>\n' + REVIEWS.map((r, i) => `<example>\n${r} => ${LABEL[i]}\n</example>`).join('\n') + '\n</examples>\nClassify {{ review }}';
  assert.deepEqual([findExamples(xml)?.kind, findExamples(xml)?.examples.length], ['xml', 7]);
  const qa = 'Answer trivia.\n\n' + REVIEWS.map((r, i) => `Q: ${r}?\nA: ${LABEL[i]}`).join('\n\n') + '\n\nQ: {question}\nA:';
  const g = findExamples(qa, findSlots(qa));
  assert.deepEqual([g?.kind, g?.examples.length], ['pairs', 7]);
  const roles = 'system:\nYou classify.\n\n' + REVIEWS.map((r, i) => `user:\n${r}\n\nassistant:\n${LABEL[i]}\n`).join('\n') + '\nuser:\n{{question}}';
  const r = findExamples(roles, findSlots(roles));
  assert.deepEqual([r?.kind, r?.examples.length], ['pairs', 7]);
  const list = 'Classify the tone.\n\nExamples:\n' + REVIEWS.map((x, i) => `${i + 1}. "${x}" -> ${LABEL[i]}`).join('\n') + '\n\nNow the input: {text}';
  assert.deepEqual([findExamples(list)?.kind, findExamples(list)?.examples.length], ['list', 7]);
  const md = '# Task\nClassify.\n\n' + REVIEWS.map((x, i) => `## Example ${i + 1}\n${x}\n\n**Label:** ${LABEL[i]}\n`).join('\n') + '\n# Input\n{{ review }}';
  const m = findExamples(md);
  assert.deepEqual([m?.kind, m?.examples.length], ['heading', 7]);
  assert.ok(!m!.examples[6].text.includes('# Input'), 'the last example stops at the next heading');
  for (const t of [xml, qa, roles, list, md]) assert.equal(fewShotBloat.check(ctxFor(t)).length, 1, t.slice(0, 30));
});

test('examples taking most of the prompt: keep fewer (or retrieve per request) even with few examples', () => {
  // distinct vocabularies so the two examples are not near-duplicates
  const long = (i: number) => Array.from({ length: 12 }, (_, k) => REVIEWS[(i + k) % 7].split(' ').map((w) => `${w}${i}`).join(' ')).join('. ');
  const doc = 'Write a reply to the customer.\n\n' + [0, 3].map((i, k) => `Example ${k + 1}:\nCustomer: ${long(i)}\nReply: ${long(i + 1)}\n`).join('\n') + '\nCustomer: {{ message }}\nReply:';
  const ctx = ctxFor(doc);
  const [f] = fewShotBloat.check(ctx);
  assert.ok(f);
  assert.match(f.message, /2 few-shot examples take [\d,]+ tokens \(\d+ % of the prompt\)/);
  assert.match(f.message, /Keep the 1 most diverse/);
  const kept = applyFix(ctx, f, /most diverse/);
  assert.equal((kept.match(/^Example \d+:/gm) ?? []).length, 1);
});

test('look-alike: a short prompt whose two small examples are half of it is fine', () => {
  const doc = 'Classify.\nInput: great\nOutput: positive\nInput: awful\nOutput: negative\nInput: {text}\nOutput:';
  assert.deepEqual(fewShotBloat.check(ctxFor(doc)), []);
});
