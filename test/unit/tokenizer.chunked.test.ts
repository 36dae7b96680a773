// Safe boundaries and the incremental ChunkedCounter, against the js-tiktoken oracle.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSafeBoundary, MAX_INDENT, safeBoundaryAtOrAfter, safeBoundaryAtOrBefore } from '../../src/core/tokenizer/boundaries';
import { chunkEnds, chunkLevel } from '../../src/core/tokenizer/chunked';
import { ChunkedCounter, countWith, loadTokenizer, profileForModel } from '../../src/core/tokenizer/index';
import { corpus, ENCODINGS, oracle } from './fixtures/corpus/index';

/** Pieces that stress the split regexes around newlines: indentation, '/', CR, contractions, numbers, symbols. */
const PIECES = [
  '\n', '\n', '\n', '\r\n', '\r', ' ', '  ', '    ', '\t', '\u00a0', '\u3000', '\uFEFF', '/', '//', '/*', '*/', 'a', 'Word', 'ab', "'s", "'LL", "'", '1', '234',
  '.', '...', '}', '{', '-', '#', '<|endoftext|>', '中文', 'é', '\u0301', '😀', 'x', ':', '"',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('safe boundaries', () => {
  for (const encoding of ENCODINGS) {
    it(`${encoding}: count(text) = count(before) + count(after) at every safe boundary (oracle and engine)`, async () => {
      const want = await oracle(encoding);
      const tok = await loadTokenizer(encoding);
      fc.assert(
        fc.property(textArb, (text) => {
          const whole = want(text);
          for (let p = 1; p < text.length; p++) {
            if (!isSafeBoundary(text, p)) continue;
            const a = text.slice(0, p);
            const b = text.slice(p);
            if (want(a) + want(b) !== whole) return false;
            if (tok.count(a).tokens + tok.count(b).tokens !== tok.count(text).tokens) return false;
          }
          return true;
        }),
        { numRuns: 600, seed: 42 },
      );
    });
  }

  it('follows the rule: after a newline, before non-space non-slash or a short indentation', () => {
    assert.equal(isSafeBoundary('a\nb', 2), true);
    assert.equal(isSafeBoundary('a\n/b', 2), false, "o200k's symbol piece may take '\\n/'");
    assert.equal(isSafeBoundary('a\n  b', 2), true, 'indentation');
    assert.equal(isSafeBoundary('a\n  ', 2), false, 'whitespace up to the end');
    assert.equal(isSafeBoundary('a\n \nb', 2), false, 'a later newline in the same run');
    assert.equal(isSafeBoundary('a\n' + ' '.repeat(MAX_INDENT + 1) + 'b', 2), false, 'long indentation');
    assert.equal(isSafeBoundary('a\r\n  b', 3), true);
    assert.equal(isSafeBoundary('ab', 1), false);
    assert.equal(isSafeBoundary('ab', 0), true);
    assert.equal(isSafeBoundary('ab', 2), true);
    assert.equal(safeBoundaryAtOrBefore('x\n/y\nz', 5), 5);
    assert.equal(safeBoundaryAtOrBefore('x\n/y\nz', 4), 0);
    assert.equal(safeBoundaryAtOrAfter('x\n/y\nz', 1), 5);
    assert.equal(safeBoundaryAtOrAfter('x\n/y\n', 1), 5);
  });
});

describe('ChunkedCounter', () => {
  for (const encoding of ENCODINGS) {
    it(`${encoding}: equals the oracle and the whole-text count under random line edits`, async () => {
      const want = await oracle(encoding);
      const tok = await loadTokenizer(encoding);
      const lineArb = fc.array(fc.constantFrom(...PIECES.filter((p) => p !== '\n' && p !== '\r\n')), { maxLength: 8 }).map((a) => a.join(''));
      const edit = fc.oneof(
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: lineArb }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), line: fc.constant('') }),
        fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line: lineArb }),
        fc.record({ kind: fc.constant('type' as const), at: fc.nat(), line: fc.constantFrom('a', ' ', '/', '\t', '.', '\uFEFF') }),
      );
      fc.assert(
        fc.property(fc.array(lineArb, { maxLength: 12 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines0, edits, eol) => {
          const counter = new ChunkedCounter(tok, { maxEntries: 16 });
          const lines = [...lines0];
          for (const e of edits) {
            const at = lines.length === 0 ? 0 : e.at % (lines.length + (e.kind === 'insert' ? 1 : 0));
            if (e.kind === 'insert') lines.splice(at, 0, e.line);
            else if (e.kind === 'delete') lines.splice(at, 1);
            else if (e.kind === 'replace') lines[at] = e.line;
            else lines[at] = (lines[at] ?? '') + e.line;
            const text = lines.join(eol);
            const got = counter.count(text);
            if (got.tokens !== want(text) || got.tokens !== tok.count(text).tokens) return false;
          }
          return true;
        }),
        { numRuns: 250, seed: 1234 },
      );
    });
  }

  it('recounts only the edited chunk after a one-line edit', async () => {
    const tok = await loadTokenizer('o200k_base');
    const want = await oracle('o200k_base');
    const text = corpus().find((s) => s.name === 'all')!.text;
    const counter = new ChunkedCounter(tok);
    assert.equal(counter.count(text).tokens, want(text));
    const before = counter.stats;
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('Shipping:'));
    lines[i] = lines[i].replace('free', 'always free');
    const edited = lines.join('\n');
    assert.equal(counter.count(edited).tokens, want(edited));
    const after = counter.stats;
    assert.equal(after.misses - before.misses, 1, 'one chunk counted again');
    assert.ok(after.hits - before.hits > 20, 'every other chunk came from the cache');
  });

  it('keeps at most maxEntries chunks and maxChars characters', async () => {
    const tok = await loadTokenizer('o200k_base');
    const counter = new ChunkedCounter(tok, { maxEntries: 5, maxChars: 400 });
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} with some words`).join('\n');
    assert.equal(counter.count(text).tokens, tok.count(text).tokens);
    assert.ok(counter.stats.entries <= 5);
    assert.ok(counter.stats.chars <= 400);
    counter.clear();
    assert.equal(counter.stats.entries, 0);
  });

  it('big texts use larger content-defined chunks and still equal the whole count', async () => {
    const tok = await loadTokenizer('cl100k_base');
    assert.equal(chunkLevel(1000, 131072), 0);
    assert.equal(chunkLevel(131073, 131072), 1);
    const base = corpus().filter((s) => !s.name.includes('+')).map((s) => s.text).join('\n');
    const text = Array.from({ length: 8 }, (_, i) => base.replace(/o/g, i % 2 ? 'o' : '0')).join('\n');
    const counter = new ChunkedCounter(tok, { levelSpan: 1024 });
    const level = chunkLevel(text.length, 1024);
    assert.ok(level >= 3);
    const ends = chunkEnds(text, level);
    assert.ok(ends.length > 3 && ends.length < chunkEnds(text, 0).length / 2, 'fewer, larger chunks');
    assert.equal(counter.count(text).tokens, tok.count(text).tokens);
  });

  it('countWith on the counter equals countWith on the tokenizer (BOM, factor)', async () => {
    const tok = await loadTokenizer('o200k_base');
    const counter = new ChunkedCounter(tok);
    for (const id of ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-pro']) {
      const p = profileForModel(id);
      const text = '\uFEFFHello\nworld\n  indented\n';
      assert.deepEqual(counter.countWith(text, p), countWith(tok, text, p));
    }
  });
});
