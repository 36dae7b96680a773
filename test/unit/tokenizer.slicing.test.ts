// Bounded work on long single-piece runs: sliced, flagged approximate; everything else stays exact.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSafeBoundary } from '../../src/core/tokenizer/boundaries';
import { GptTokenizer } from '../../src/core/tokenizer/engine';
import { ChunkedCounter, countTokens, countWith, DEFAULT_SLICING, loadTokenizer, profileForModel } from '../../src/core/tokenizer/index';
import { countBounded, findLongRuns } from '../../src/core/tokenizer/slicing';
import { oracle, rng } from './fixtures/corpus/index';

const N = DEFAULT_SLICING.longRun;
const random = (alphabet: string, n: number, seed: number): string => {
  const chars = [...alphabet];
  const r = rng(seed);
  const out: string[] = [];
  for (let len = 0; len < n; len += out[out.length - 1].length) out.push(chars[Math.floor(r() * chars.length)]);
  return out.join('');
};
const ZH = '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家';
const TH = 'การทดสอบภาษาไทยที่ไม่มีช่องว่างระหว่างคำเป็นเรื่องปกติ';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('slicing long runs', () => {
  it('a 1 MB string without spaces returns a positive count, flagged sliced and approximate', async () => {
    const gpt4o = profileForModel('gpt-4o');
    const tok = await loadTokenizer('o200k_base');
    const texts = {
      aaaa: 'a'.repeat(1 << 20),
      letters: random('abcdefghijklmnopqrstuvwxyz', 1 << 20, 1),
      chinese: random(ZH, (1 << 20) / 3, 2), // 1 MB of UTF-8
      equals: '='.repeat(1 << 20),
      spaces: `x${' '.repeat(1 << 20)}y`,
    };
    for (const [name, text] of Object.entries(texts)) {
      const c = countWith(tok, text, gpt4o);
      assert.ok(c.tokens > 0, name);
      assert.equal(c.sliced, true, name);
      assert.equal(c.exact, false, `${name}: a sliced count is never exact`);
      assert.equal(c.encodingTokens, c.tokens);
    }
    const claude = await countTokens(texts.letters, 'claude-sonnet-4-5');
    assert.equal(claude.sliced, true);
    assert.equal(claude.exact, false);
  });

  it('base64, hex and minified code split into short pieces: exact up to sampleAbove, then estimated closely', async () => {
    const tok = (await loadTokenizer('o200k_base')) as GptTokenizer;
    const want = await oracle('o200k_base');
    const limit = DEFAULT_SLICING.sampleAbove;
    const minified = (n: number) => 'function(a,b){return(a.x+b.y*c[0])};var_q=window.foo||{};if(q.bar){q.baz(1,2,3)}'.repeat(n).slice(0, n);
    for (const text of [random(B64, limit, 3), random('0123456789abcdef', limit, 4), minified(limit)]) {
      const c = tok.count(text);
      assert.equal(c.sliced, false);
      assert.equal(c.tokens, want(text));
    }
    for (const text of [random(B64, limit * 6, 3), random('0123456789abcdef', limit * 6, 4), minified(limit * 6)]) {
      const c = tok.count(text);
      assert.equal(c.sliced, true);
      const exact = tok.countExact(text);
      assert.ok(Math.abs(c.tokens - exact) / exact < 0.03, `${c.tokens} vs ${exact}`);
    }
  });

  it(`runs up to ${N} characters are exact; longer ones are sliced, close to the exact count`, async () => {
    const tok = (await loadTokenizer('o200k_base')) as GptTokenizer;
    const want = await oracle('o200k_base');
    for (const [name, alphabet] of [['thai', TH], ['chinese', ZH], ['letters', 'abcdefghij'], ['symbols', '=-*#~']] as const) {
      const atLimit = random(alphabet, N, 5);
      assert.equal(tok.count(atLimit).sliced, false, name);
      assert.equal(tok.count(atLimit).tokens, want(atLimit), name);
      const long = `Intro line.\n${random(alphabet, 3000, 6)} tail\nNext line.`;
      const c = tok.count(long);
      assert.equal(c.sliced, true, name);
      const exact = tok.countExact(long); // the engine without slicing; js-tiktoken is too slow on 3,000-character pieces
      assert.ok(Math.abs(c.tokens - exact) / exact < 0.15, `${name}: ${c.tokens} vs ${exact}`);
    }
    const spaces = `a${' '.repeat(5000)}b`;
    assert.equal(tok.count(spaces).sliced, true);
    assert.ok(Math.abs(tok.count(spaces).tokens - tok.countExact(spaces)) <= 2);
  });

  it('very long runs are sampled: close to counting every slice', async () => {
    const tok = (await loadTokenizer('o200k_base')) as GptTokenizer;
    const everySlice = { ...DEFAULT_SLICING, sampleAbove: Infinity };
    for (const [name, alphabet] of [['thai', TH], ['chinese', ZH], ['letters', 'abcdefghijklmnopqrstuvwxyz'], ['base64 letters', B64.replace(/[0-9+/]/g, '')]] as const) {
      const text = random(alphabet, DEFAULT_SLICING.sampleAbove * 3, 8);
      const sampled = countBounded(text, tok.countExact).tokens;
      const full = countBounded(text, tok.countExact, everySlice).tokens; // every slice of every run, no windows
      assert.ok(Math.abs(sampled - full) / full < 0.03, `${name}: ${sampled} vs ${full}`);
    }
  });

  it('finds exactly the maximal one-class runs longer than the limit', () => {
    const text = `ok ${'a'.repeat(N)} ${'b'.repeat(N + 1)}1${'=-'.repeat(N)}\n${' '.repeat(N + 5)}x é${'\u0301'.repeat(3)}${'中'.repeat(N)}`;
    const runs = findLongRuns(text).map(([s, e]) => text.slice(s, e));
    assert.deepEqual(runs, ['b'.repeat(N + 1), '=-'.repeat(N), `\n${' '.repeat(N + 5)}`, `é${'\u0301'.repeat(3)}${'中'.repeat(N)}`]);
  });

  it('finds the same runs as one regex over the whole text (property, small limits)', () => {
    const opts = { ...DEFAULT_SLICING, longRun: 64, sampleAbove: 100 };
    const reference = /(?<!\S)\S{101,}|(?<![\p{L}\p{M}])[\p{L}\p{M}]{65,}|(?<![^\s\p{L}\p{N}])[^\s\p{L}\p{N}]{65,}|(?<!\s)\s{65,}/gu;
    const piece = fc.oneof(
      fc.constantFrom(' ', '\n', '\u3000', '\u00a0', '\uFEFF', '\t', 'a', '中', '1', '=', '\u0301', '😀', '.', 'x'),
      fc.tuple(fc.constantFrom('a', '中', '=', ' ', '\u3000', '1', 'ab.', '😀'), fc.integer({ min: 10, max: 90 })).map(([c, k]) => c.repeat(k)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        const want = [...text.matchAll(reference)].map((m) => [m.index, m.index + m[0].length]);
        return JSON.stringify(findLongRuns(text, opts)) === JSON.stringify(text.length <= 64 ? [] : want);
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it('stays additive at safe boundaries with long runs, so chunked counting equals whole counting', async () => {
    const tok = await loadTokenizer('cl100k_base');
    const piece = fc.oneof(
      fc.constantFrom('\n', '\n', 'word ', ' ', '  ', '/', '.', '中文', '\t'),
      fc.integer({ min: N - 2, max: N + 40 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: N - 2, max: N + 40 }).map((n) => random(TH, n, n)),
      fc.integer({ min: N - 2, max: N + 40 }).map((n) => ' '.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), (text) => {
        const whole = tok.count(text).tokens;
        for (let p = 1; p < text.length; p++) {
          if (isSafeBoundary(text, p) && tok.count(text.slice(0, p)).tokens + tok.count(text.slice(p)).tokens !== whole) return false;
        }
        return new ChunkedCounter(tok).count(text).tokens === whole;
      }),
      { numRuns: 60, seed: 99 },
    );
    const huge = `intro\n${random(B64, DEFAULT_SLICING.sampleAbove + 5000, 10)}\nnext line\n  and more\n`;
    const p = huge.indexOf('next');
    assert.equal(tok.count(huge).sliced, true);
    assert.equal(tok.count(huge).tokens, tok.count(huge.slice(0, p)).tokens + tok.count(huge.slice(p)).tokens);
    assert.equal(new ChunkedCounter(tok).count(huge).tokens, tok.count(huge).tokens);
  });
});
