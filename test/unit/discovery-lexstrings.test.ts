import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lex } from '../../src/core/discovery/code/detectCode';
import { decodeEscapes, type EscapeStyle } from '../../src/core/discovery/code/escapes';
import { K, type Lang } from '../../src/core/discovery/code/tokens';

// The lexers skip decodeEscapes() for a literal whose scan saw no backslash (see lexChars.ts, sawBackslash): the
// value of every one-line literal must still be decodeEscapes() of its contents, and that of a Python literal with
// no prefix too.
const piece = fc.constantFrom('"', "'", '`', '\\', '\\\\', '\\n', '\\x41', '\\u0041', '\\u{1F600}', '\\U0001F600', '\\0', '\\101', '\\q', '{', '}', '${a}', '\n', '\r', ' ', 'ab', 'é', '\u00a0', '(', ')', '+', '/', '#');
const source = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
const CASES: Array<[Lang, EscapeStyle]> = [['typescript', 'js'], ['go', 'go'], ['java', 'java'], ['python', 'python']];

test('lexers: string values are decodeEscapes() of their contents', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CASES), source, ([lang, style], src) => {
      const T = lex(src, lang, false);
      for (let i = 0; i < T.n; i++) {
        if (T.kc(i) !== K.Str) continue;
        const t = T.tok(i)!;
        const plain = lang === 'python' ? t.form === '' && src[t.s] === src[t.cs! - 1] : t.form === undefined;
        if (!plain) continue;
        assert.equal(t.v, decodeEscapes(src.slice(t.cs, t.ce), style), `${lang} ${JSON.stringify(src)} token ${i}`);
      }
      T.release();
    }),
    { numRuns: 3000 },
  );
});
