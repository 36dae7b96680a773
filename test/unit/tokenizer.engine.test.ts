// The shipped engine (gpt-tokenizer behind our wrapper) against the js-tiktoken oracle, in ordinary mode.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bomTokens } from '../../src/core/tokenizer/bom';
import { GenerationalCache } from '../../src/core/tokenizer/fastpath';
import { createTokenizer, GptTokenizer } from '../../src/core/tokenizer/engine';
import { countWith, getLoadedTokenizer, loadTokenizer, profileForModel, stripBom } from '../../src/core/tokenizer/index';
import type { EncodingName } from '../../src/core/tokenizer/types';
import { corpus, ENCODINGS, oracle } from './fixtures/corpus/index';

const SRC = join(__dirname, '..', '..', 'src');

describe('tokenizer engine: loading', () => {
  it('loads nothing at import time, then once per encoding', async () => {
    // This file imported the tokenizer modules above; no encoding may be loaded before the first loadTokenizer.
    for (const e of ENCODINGS) assert.equal(getLoadedTokenizer(e), undefined, e);
    const p1 = loadTokenizer('o200k_base');
    const p2 = loadTokenizer('o200k_base');
    assert.equal(p1, p2, 'the promise is cached');
    const t = await p1;
    assert.equal(getLoadedTokenizer('o200k_base'), t);
    assert.equal(await loadTokenizer('o200k_base'), t);
    assert.equal(getLoadedTokenizer('cl100k_base'), undefined, 'cl100k_base is not loaded with o200k_base');
    assert.equal(t.encoding, 'o200k_base');
  });

  it('src/ imports gpt-tokenizer only lazily and js-tiktoken never', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
      }
    };
    walk(SRC);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      assert.doesNotMatch(src, /from\s+['"]js-tiktoken|import\(\s*['"]js-tiktoken|require\(\s*['"]js-tiktoken/, `${f} must not use js-tiktoken`);
      assert.doesNotMatch(src, /^\s*import\s+[^(]*['"]gpt-tokenizer/m, `${f}: gpt-tokenizer only through dynamic import()`);
    }
  });

  it('rejects an unknown encoding', async () => {
    await assert.rejects(loadTokenizer('p50k_base' as EncodingName), /unknown encoding/);
  });
});

describe('tokenizer engine: merge cache', () => {
  it('GenerationalCache keeps at most two generations and promotes old hits', () => {
    const c = new GenerationalCache<number>(3);
    for (let i = 0; i < 10; i++) c.set(`k${i}`, i);
    assert.ok(c.size <= 6);
    assert.equal(c.get('k0'), undefined, 'dropped with its generation');
    assert.equal(c.get('k9'), 9);
    assert.equal(c.has('k6'), true);
    assert.equal(c.get('k6'), 6, 'an old hit is copied to the young generation');
    c.set('x', 1);
    c.set('y', 2); // rotation: k6 survives in the new old generation
    assert.equal(c.get('k6'), 6);
    assert.equal(c.delete('k6'), true);
    assert.equal(c.has('k6'), false);
    c.clear();
    assert.equal(c.size, 0);
  });
});

describe('tokenizer engine: the oracle', () => {
  it('js-tiktoken encode(text, [], []) is ordinary mode: special-token text is plain text, nothing throws', async () => {
    const { getEncoding } = await import('js-tiktoken');
    const enc = getEncoding('o200k_base');
    const text = 'a <|endoftext|> b';
    assert.throws(() => enc.encode(text), /special token/, 'the default refuses special tokens');
    const ordinary = enc.encode(text, [], []);
    assert.ok(!ordinary.includes(199999), 'no <|endoftext|> token id in ordinary mode');
    assert.ok(enc.encode(text, 'all').includes(199999), 'with "all" it is one special token');
    assert.equal(enc.decode(ordinary), text);
  });
});

for (const encoding of ENCODINGS) {
  describe(`tokenizer engine: ${encoding} equals js-tiktoken`, () => {
    const setup = async (): Promise<[GptTokenizer, (t: string) => number]> => [(await loadTokenizer(encoding)) as GptTokenizer, await oracle(encoding)];

    it('the U+FEFF correction and the ASCII fast path are installed and checked (once, also when wrapped again)', async () => {
      const [tok, want] = await setup();
      assert.equal(tok.bomExact, true);
      assert.equal(tok.fastPath, true);
      const again = createTokenizer(encoding, await import(`gpt-tokenizer/encoding/${encoding}`));
      assert.deepEqual([again.bomExact, again.fastPath], [true, true]);
      assert.equal(again.count('\uFEFF\uFEFFusing x').tokens, want('\uFEFF\uFEFFusing x'));
    });

    it('the patched library still encodes to the same token ids as tiktoken (ASCII fast path)', async () => {
      await setup();
      const lib = (await import(`gpt-tokenizer/encoding/${encoding}`)) as { encode(t: string, o: object): number[] };
      const { getEncoding } = await import('js-tiktoken');
      const enc = getEncoding(encoding);
      const ascii = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.:;\'"()[]{}<>!?@#$%^&*| \n\t'), maxLength: 60 });
      fc.assert(fc.property(ascii, (t) => lib.encode(t, { disallowedSpecial: new Set() }).join() === enc.encode(t, [], []).join()), { numRuns: 500, seed: 3 });
    });

    it('every corpus text, whole and line by line', async () => {
      const [tok, want] = await setup();
      for (const { name, text } of corpus()) {
        const got = tok.count(text);
        assert.equal(got.tokens, want(text), `${name}`);
        assert.equal(got.sliced, false, `${name} has no long run`);
        assert.equal(got.exact, undefined, `${name} is exact`);
        for (const line of text.split(/(?<=\n)/)) assert.equal(tok.count(line).tokens, want(line), `${name}: ${JSON.stringify(line)}`);
      }
    });

    it('special-token text counts as text and never throws', async () => {
      const [tok, want] = await setup();
      const specials = ['<|endoftext|>', '<|endofprompt|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|im_start|>', '<|im_end|>', '<|im_sep|>', '<|start|>', '<|end|>', '<|message|>', '<|channel|>', '<|return|>', '<|call|>', '<|constrain|>'];
      for (const s of specials) {
        for (const text of [s, `x${s}y`, `${s}${s}`, ` ${s}\n`, `<|${s}|>`]) assert.equal(tok.count(text).tokens, want(text), text);
      }
      const model = profileForModel(encoding === 'o200k_base' ? 'gpt-4o' : 'gpt-4');
      assert.equal(countWith(tok, specials.join(' '), model).tokens, want(specials.join(' ')));
    });

    it('the BOM token table is complete (re-derived from the rank table)', async () => {
      const ranks = (await import(`gpt-tokenizer/bpeRanks/${encoding}`)) as { default: (string | number[])[] };
      const derived: [number[], number][] = [];
      ranks.default.forEach((v, rank) => {
        const bytes = typeof v === 'string' ? [...new TextEncoder().encode(v)] : v;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) derived.push([bytes, rank]);
      });
      const sort = (a: [number[], number][]) => [...a].sort((x, y) => x[1] - y[1]);
      assert.deepEqual(sort(bomTokens(encoding)), sort(derived));
    });

    it('U+FEFF anywhere: exact on fixed cases', async () => {
      const [tok, want] = await setup();
      const cases = ['\uFEFF', '\uFEFF\uFEFF', '\uFEFF\uFEFF\uFEFF\uFEFF\uFEFF', 'a\uFEFF', '\uFEFFa', 'a\uFEFFb', ' \uFEFF', '\uFEFF ', '\n\uFEFF\n', '\uFEFFusing', '\uFEFF//x', '\uFEFF#', '\uFEFF\n\n', '\uFEFF/*\n', '\uFEFFnamespace', '\uFEFF출장안마', '中\uFEFF文', '1\uFEFF2', '.\uFEFF.', '<|endoftext|>\uFEFF'];
      for (const c of cases) assert.equal(tok.count(c).tokens, want(c), JSON.stringify(c));
    });

    it('U+FEFF property: random strings with U+FEFF match the oracle', async () => {
      const [tok, want] = await setup();
      const unit = fc.oneof(
        { weight: 3, arbitrary: fc.constant('\uFEFF') },
        { weight: 6, arbitrary: fc.constantFrom('a', 'Z', 'using', 'namespace', '#', '//', '/*', '\n', '\n\n', ' ', '  ', '\t', '.', '1', '23', '中', 'é', '😀', "'s", '<|endoftext|>', '출장안마', '\u00a0', '\r\n') },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
      );
      fc.assert(fc.property(fc.array(unit, { maxLength: 24 }).map((a) => a.join('')), (text) => tok.count(text).tokens === want(text)), { numRuns: 400, seed: 20260101 });
    });

    it('random Unicode text matches the oracle', async () => {
      const [tok, want] = await setup();
      const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 60 }));
      fc.assert(fc.property(text, (t) => tok.count(t).tokens === want(t)), { numRuns: 300, seed: 7 });
    });

    it('countWith drops one leading BOM (a file marker) and counts every other U+FEFF', async () => {
      const [tok, want] = await setup();
      const profile = profileForModel(encoding === 'o200k_base' ? 'gpt-4o' : 'gpt-3.5-turbo');
      for (const text of ['\uFEFFhello', '\uFEFF\uFEFFhello', 'hello\uFEFF', '\uFEFF']) {
        const c = countWith(tok, text, profile);
        assert.equal(c.tokens, want(stripBom(text)), JSON.stringify(text));
        assert.equal(c.exact, true);
      }
      assert.equal(stripBom('\uFEFF\uFEFFx'), '\uFEFFx');
    });
  });
}
