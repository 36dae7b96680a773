// Fast paths of the structure reading (context.ts, brackets.ts, evidence.ts) against their plain definitions, on random
// token soups rich in the words those paths compare: callee chains, keywords, keys, roles, brackets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { calleeAt, objectBraceAt } from '../../src/core/discovery/code/brackets';
import { CodeContext } from '../../src/core/discovery/code/context';
import { lex } from '../../src/core/discovery/code/detectCode';
import { calleeEvidence, calleeEvidenceOfCall, framesReach, framesReachPlain } from '../../src/core/discovery/code/reach';
import { K, Lang, matchBrackets } from '../../src/core/discovery/code/tokens';

const LANGS: Lang[] = ['python', 'typescript', 'javascript', 'go', 'java', 'kotlin'];
/** Identifiers: callees that give evidence (and near misses), keywords, names and keys. */
const WORDS = [
  'log', 'info', 'console', 'logger', 'fmt', 'Errorf', 'store', 'Get', 'x', 'foo', 'client', 'chat', 'completions', 'create', 'new', 'def', 'raise',
  'throw', 'await', 'return', 'yield', 'if', 'for', 'nil', 'func', 'struct', 'range', 'SystemMessage', 'system_message', 'System_Message', 'SYSTEM',
  'ofUser', 'user', 'USER', 'human', 'assistant', 'AIMessage', 'developer', 'from_template', 'fromTemplate', 'from', 'of', 'ChatPromptTemplate',
  'PromptTemplate', 'FewShotChatMessagePromptTemplate', 'fewshot', 'add_function', 'xadd_function', 'Map', 'map', 'mapOf', 'dict', 'run', 'run_sync',
  'Runner', 'invoke', 'ainvoke', 'predict', 'generate_content', 'generateContent', 'GenerateContentStream', 'send_message', 'sendMessage', 'model',
  'GenerativeModel', 'messages', 'Message', 'message', 'Content', 'content', 'prompt', 'Prompt', 'system_prompt', 'SYSTEM_PROMPT', 'instructions',
  'role', 'text', 'template', 'Templatex', 'contentType', 'usermod', 'to', 'dspy', 'Signature', 'class', 'ask', 'call', 'complete', 'arun', 'Call',
  'Ｓystem', 'ſystem', 'sYsTeM', 'promptX', 'xPrompt', 'system', 'ofSystem', 'defaultSystem', 'setSystemInstruction', 'with_system_instructions',
  'SystemInstruction', 'newUserInstruction', 'developer_instructions', 'ofAssistant', 'ofDeveloper', 'hashMapOf', 'Runner', 'KernelFunctionFromPrompt',
];
const PUNCT = ['.', '.', '.', '?.', '::', '(', '(', ')', ')', '[', ']', '{', '}', ',', ',', ':', '=', '+=', ':=', '=>', '->', '\n', ';', '<', '>', '@', '...', '*', '&', '!=', '??', '||'];
const LITS = ['"system"', '"user"', '"hello there, answer briefly"', "'ok'", '"x"', '"."', '`=`', '`role`'];
const unit = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 6, arbitrary: fc.constantFrom(...PUNCT) }, { weight: 1, arbitrary: fc.constantFrom(...LITS) });
const soup = fc.array(fc.tuple(unit, fc.constantFrom('', ' ')), { maxLength: 120 }).map((a) => a.map(([u, sp]) => u + sp).join(''));
/** Nested calls, lists, tuples and objects with keys, keyword arguments, role pairs and names around them. */
const NAMES = ['x', 'system_prompt', 'SYSTEM_PROMPT', 'prompt_template', 'messages', 'content', 'role', 'instructions', 'help', 'text', 'input', 'query', 'data'];
const ROLE_WORDS = ['"system"', '"user"', 'Role.SYSTEM', 'ChatRole.User', '"assistant"', 'x', '"other"'];
const tree = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('"hello there, answer briefly"', 'x', '"system"', 'await "a b c"'),
    fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.array(tie('expr'), { maxLength: 3 }), fc.constantFrom('', 'new ', '@', 'await ')).map(([c, args, kw]) => `${kw}${c.join('.')}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...NAMES), tie('expr')).map(([c, k, v]) => `${c}(${k}=${v})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((a) => `[${a.join(', ')}]`),
    fc.tuple(fc.constantFrom(...ROLE_WORDS), tie('expr')).map(([r, v]) => `(${r}, ${v})`),
    fc.tuple(fc.constantFrom(...ROLE_WORDS), tie('expr')).map(([r, v]) => `[${r}, ${v}]`),
    fc.array(fc.tuple(fc.constantFrom(...NAMES), tie('expr')), { maxLength: 3 }).map((a) => `{${a.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`),
    fc.array(fc.tuple(fc.constantFrom(...NAMES), tie('expr')), { maxLength: 3 }).map((a) => `{${a.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.tuple(fc.constantFrom(...NAMES), tie('expr')).map(([k, v]) => `${k} ?? ${v}`),
  ),
}));
const statement = fc.tuple(fc.constantFrom('', 'const ', 'return ', 'yield ', 'x := ', 'p += ', 'def f():\n    return ', 'fun f() = ', 'SYSTEM_PROMPT = ', 'system_prompt = ', 'help = ', 'val t = '), tree.expr).map(([lead, e]) => lead + e);
const structured = fc.array(statement, { minLength: 1, maxLength: 4 }).map((a) => a.join('\n'));
const code = fc.oneof(soup, structured, structured.map((s) => `function f() {\n${s}\n}`));

function context(src: string, lang: Lang): CodeContext {
  const T = lex(src, lang, false);
  const { match, parent } = matchBrackets(T);
  return new CodeContext(T, match.slice(), parent.slice(), lang);
}

test('framesReach (per-bracket reach bits, no frames built) equals the loop over frames, for every bracket', () => {
  fc.assert(
    fc.property(fc.constantFrom(...LANGS), code, (lang, src) => {
      const fast = context(src, lang);
      const plain = context(src, lang);
      for (let c = 0; c < fast.T.n; c++) {
        if (fast.T.kc(c) !== K.Open) continue;
        for (const min of [0.85, 0.7]) assert.equal(framesReach(fast, c, min), framesReachPlain(plain, c, min), `${lang} ${JSON.stringify(src)} @${c} ${min}`);
      }
      fast.release();
      plain.release();
    }),
    { numRuns: 3000 },
  );
});

test('calleeEvidence decided from the callee chain without its name equals calleeEvidence of the name', () => {
  fc.assert(
    fc.property(fc.constantFrom(...LANGS), code, (lang, src) => {
      const ctx = context(src, lang);
      for (let c = 0; c < ctx.T.n; c++) {
        if (ctx.T.kc(c) !== K.Open || ctx.T.v(c) !== '(' || !ctx.isCall(c)) continue;
        const name = calleeAt(ctx, c)!.name;
        assert.equal(calleeEvidenceOfCall(ctx, c), calleeEvidence(name), `${lang} ${name}`);
      }
      ctx.release();
    }),
    { numRuns: 3000 },
  );
});

/** objectBraceAt as first written (reference): it compared ctx.v() of the tokens before the brace. */
function objectBracePlain(ctx: CodeContext, open: number): { type?: string; start: number } | undefined {
  const { T, lang } = ctx;
  const prev = ctx.v(open - 1);
  if (lang === 'python') return { start: open };
  if (lang === 'typescript' || lang === 'javascript') {
    if (prev === undefined) return undefined;
    return new Set(['=', '(', ',', ':', '[', 'return', '?', '??', '||', '&&', '...', 'yield', 'await']).has(prev) ? { start: open } : undefined;
  }
  if (lang === 'java' || lang === 'kotlin') return prev === ']' || prev === '=' || prev === ',' || prev === '{' ? { start: open } : undefined;
  if (prev === ',' || prev === '{' || prev === ':') return { start: open };
  let j = open - 1;
  while (j >= 0 && open - 1 - j < 10 && (T.kk[j] === K.Id || new Set(['.', '*', '[', ']', '&']).has(T.v(j)!))) j--;
  const count = open - 1 - j;
  if (count === 0) return undefined;
  const lead = ctx.v(j);
  if (lead === ')' || T.kc(j) === K.Id || (lead !== undefined && new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '!']).has(lead))) return undefined;
  if (count === 1 && new Set(['if', 'for', 'else', 'switch', 'range', 'select', 'func', 'struct', 'interface', 'go', 'defer']).has(T.v(open - 1)!)) return undefined;
  let type = '';
  for (let q = j + 1; q < open; q++) type += T.v(q)!;
  return { type: type.replace(/^[&*[\]]+/, ''), start: j + 1 };
}

test('objectBraceAt (identifiers compared as words) equals the plain comparison of token values', () => {
  fc.assert(
    fc.property(fc.constantFrom(...LANGS), code, (lang, src) => {
      const ctx = context(src, lang);
      for (let c = 0; c < ctx.T.n; c++) {
        if (ctx.T.kc(c) !== K.Open || ctx.T.v(c) !== '{') continue;
        assert.deepEqual(objectBraceAt(ctx, c), objectBracePlain(ctx, c), `${lang} ${JSON.stringify(src)} @${c}`);
      }
      ctx.release();
    }),
    { numRuns: 3000 },
  );
});
