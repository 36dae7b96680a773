// Which tokenizer profile a model id gets: exact only for OpenAI encodings, documented estimates for the rest.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { claudeVersion, countTokens, FAMILY_TABLE, familyForModel, loadTokenizer, parseModelId, profileForModel } from '../../src/core/tokenizer/index';
import { loadCatalog } from '../../src/core/pricing/catalog';

const EXPECTED: [string, string | undefined, string][] = [
  // OpenAI, o200k_base
  ['gpt-4o', undefined, 'openai-o200k'], ['gpt-4o-mini-2024-07-18', undefined, 'openai-o200k'], ['chatgpt-4o-latest', undefined, 'openai-o200k'],
  ['gpt-4.1-nano', undefined, 'openai-o200k'], ['gpt-4.5-preview', undefined, 'openai-o200k'], ['gpt-5', undefined, 'openai-o200k'],
  ['gpt-5.4-pro', undefined, 'openai-o200k'], ['gpt-6-sol', undefined, 'openai-o200k'], ['gpt-7', undefined, 'openai-o200k'],
  ['o1', undefined, 'openai-o200k'], ['o3-mini', undefined, 'openai-o200k'], ['o4-mini-deep-research', undefined, 'openai-o200k'],
  ['gpt-oss-120b', undefined, 'openai-o200k'], ['openai/gpt-oss-20b:free', 'groq', 'openai-o200k'], ['codex-mini-latest', undefined, 'openai-o200k'],
  ['openai/gpt-4o', 'openrouter', 'openai-o200k'], ['azure/gpt-4o', undefined, 'openai-o200k'], ['openai:gpt-4.1', undefined, 'openai-o200k'],
  ['ft:gpt-4o-mini:my-org:custom:abc123', undefined, 'openai-o200k'], ['gpt-4o-mini-2024-07-18.ft-xyz', 'openai', 'openai-o200k'],
  ['global.openai.gpt-5.6-luna', 'aws', 'openai-o200k'], ['GPT-4O', undefined, 'openai-o200k'], ['~openai/gpt-latest', 'openrouter', 'openai-o200k'],
  ['whisper-1', 'openai', 'openai-unknown'], ['my-azure-deployment', 'openai', 'openai-unknown'], ['command-r', 'openai', 'openai-unknown'],
  ['my-azure-deployment', 'azure', 'other'], ['gpt-neox-20b', 'openai', 'other'],
  // OpenAI, cl100k_base
  ['gpt-4', undefined, 'openai-cl100k'], ['gpt-4-0613', undefined, 'openai-cl100k'], ['gpt-4-turbo', undefined, 'openai-cl100k'],
  ['gpt-4-32k', undefined, 'openai-cl100k'], ['gpt-4-1106-preview', undefined, 'openai-cl100k'], ['gpt-3.5-turbo', undefined, 'openai-cl100k'],
  ['gpt-35-turbo', 'azure', 'openai-cl100k'], ['gpt-3.5-turbo-instruct', undefined, 'openai-cl100k'], ['text-embedding-3-small', undefined, 'openai-cl100k'],
  ['ft:gpt-3.5-turbo-0125:org::id', undefined, 'openai-cl100k'],
  // OpenAI, legacy encodings not bundled
  ['davinci', 'azure', 'openai-legacy'], ['text-davinci-003', undefined, 'openai-legacy'], ['babbage-002', undefined, 'openai-legacy'],
  // not OpenAI despite the name
  ['EleutherAI/gpt-neox-20b', 'together', 'other'], ['gpt-j-6b', undefined, 'other'], ['openai-community/gpt2', undefined, 'other'],
  ['togethercomputer/GPT-JT-Moderation-6B', 'together', 'other'], ['phi-4', 'azure', 'other'],
  // Claude
  ['claude-sonnet-4-5', undefined, 'claude'], ['claude-sonnet-4-5-20250929', 'anthropic', 'claude'], ['claude-3-5-sonnet-20240620', undefined, 'claude'],
  ['anthropic/claude-3.7-sonnet', 'openrouter', 'claude'], ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'aws', 'claude'], ['claude-opus-4-6', undefined, 'claude'],
  ['claude-haiku-4-5', undefined, 'claude'], ['claude-2', undefined, 'claude'], ['claude-instant-1.2', undefined, 'claude'], ['claude-3-5-haiku-latest', undefined, 'claude'],
  ['claude-opus-4-7', undefined, 'claude-next'], ['claude-opus-4.8-fast', 'openrouter', 'claude-next'], ['claude-opus-5', undefined, 'claude-next'],
  ['claude-sonnet-5', undefined, 'claude-next'], ['global.anthropic.claude-fable-5-1-v1:0', 'aws', 'claude-next'], ['claude-opus-5-5', undefined, 'claude-next'],
  ['~anthropic/claude-opus-latest', 'openrouter', 'claude-next'],
  // others
  ['gemini-2.5-pro', undefined, 'gemini'], ['models/gemini-1.5-flash', undefined, 'gemini'], ['google/gemma-3-27b-it:free', 'openrouter', 'gemini'],
  ['meta-llama/Llama-3.3-70B-Instruct', 'together', 'llama'], ['meta.llama3-1-70b-instruct-v1:0', 'aws', 'llama'], ['deepseek-r1-distill-llama-70b', 'groq', 'llama'],
  ['mistral-large-latest', undefined, 'mistral'], ['mixtral-8x7b', 'groq', 'mistral'], ['codestral-2508', undefined, 'mistral'], ['mistral.pixtral-large-2502-v1:0', 'aws', 'mistral'],
  ['deepseek-chat', undefined, 'deepseek'], ['deepseek-ai/DeepSeek-V3', 'together', 'deepseek'], ['deepseek.r1-v1:0', 'aws', 'deepseek'], ['mai-ds-r1:free', 'azure', 'deepseek'],
  ['grok-4', 'x-ai', 'other'], ['command-r-plus', 'cohere', 'other'], ['qwen3-235b-a22b', undefined, 'other'], ['amazon.nova-pro-v1:0', 'aws', 'other'],
  ['my-model', 'anthropic', 'claude'], ['my-model', 'google', 'gemini'], ['my-model', 'custom', 'other'], ['', undefined, 'other'],
];

describe('tokenizer profiles', () => {
  it('maps model ids (with vendor prefixes and provider ids) to families', () => {
    for (const [id, vendor, family] of EXPECTED) assert.equal(familyForModel(id, vendor), family, `${id} (${vendor ?? 'no vendor'})`);
  });

  it('gpt-4o is exact o200k_base, gpt-4 exact cl100k_base, claude-sonnet-4-5 an estimate with its factor', () => {
    assert.deepEqual(
      { ...profileForModel('gpt-4o') },
      { encoding: 'o200k_base', exact: true, family: 'openai-o200k', factor: 1, errorPct: 0, note: profileForModel('gpt-4o').note },
    );
    const gpt4 = profileForModel('gpt-4');
    assert.equal(gpt4.encoding, 'cl100k_base');
    assert.equal(gpt4.exact, true);
    const claude = profileForModel('claude-sonnet-4-5', 'anthropic');
    assert.equal(claude.exact, false);
    assert.equal(claude.encoding, 'o200k_base');
    assert.equal(claude.factor, 1.2);
    assert.equal(claude.errorPct, 15);
    assert.match(claude.note, /Anthropic/);
    const next = profileForModel('claude-opus-4-7');
    assert.deepEqual([next.factor, next.errorPct, next.exact], [1.35, 20, false]);
  });

  it('FAMILY_TABLE documents every family: the brief factors, one-sentence notes, exact only for OpenAI encodings', () => {
    const factors = Object.fromEntries(FAMILY_TABLE.map((r) => [r.family, [r.factor, r.errorPct]]));
    assert.deepEqual(factors, {
      'openai-o200k': [1, 0], 'openai-cl100k': [1, 0], 'openai-legacy': [1.1, 20], 'openai-unknown': [1, 10], claude: [1.2, 15], 'claude-next': [1.35, 20],
      gemini: [1.05, 15], llama: [1.1, 15], mistral: [1.15, 20], deepseek: [1.1, 20], other: [1.1, 25],
    });
    for (const r of FAMILY_TABLE) {
      assert.ok(r.models.length > 0 && r.note.length > 20, r.family);
      assert.match(r.note, /^[A-Z].*\.$/, `${r.family}: one sentence`);
      assert.equal((r.note.match(/\. [A-Z]/g) ?? []).length, 0, `${r.family}: one sentence`);
      assert.equal(r.exact, r.family === 'openai-o200k' || r.family === 'openai-cl100k');
    }
  });

  it('never marks an estimate exact (property over many ids and vendors)', () => {
    const vendors = fc.option(fc.constantFrom('openai', 'anthropic', 'google', 'azure', 'openrouter', 'aws', 'groq', 'together', 'mistral', 'x-ai', 'custom', 'bedrock', 'vertex'), { nil: undefined });
    const prefix = fc.constantFrom('', 'openrouter/', 'anthropic/', 'google/', 'meta-llama/', 'us.anthropic.', 'azure/', 'mistralai/', 'x-ai/', '~');
    const nonOpenAi = fc.tuple(
      prefix,
      fc.constantFrom('claude', 'claude-3', 'claude-opus-4-', 'claude-sonnet-', 'gemini-', 'gemma-', 'llama-', 'mistral-', 'mixtral-', 'deepseek-', 'grok-', 'command-r', 'qwen', 'gpt-neox-', 'gpt-j-'),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.-:'), maxLength: 12 }),
    ).map((p) => p.join(''));
    fc.assert(
      fc.property(nonOpenAi, vendors, (id, vendor) => {
        const p = profileForModel(id, vendor);
        return !p.exact && p.errorPct > 0 && p.factor >= 1 && p.note.length > 0 && p.family !== 'openai-o200k' && p.family !== 'openai-cl100k';
      }),
      { numRuns: 2000, seed: 5 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), vendors, (id, vendor) => {
        const p = profileForModel(id, vendor);
        return p.exact ? (p.family === 'openai-o200k' || p.family === 'openai-cl100k') && p.factor === 1 && p.errorPct === 0 : p.errorPct > 0;
      }),
      { numRuns: 2000, seed: 6 },
    );
  });

  it('every catalog model gets a consistent profile; exact ones are OpenAI models', async () => {
    const catalog = await loadCatalog();
    const models = catalog.list();
    assert.ok(models.length > 100);
    let exact = 0;
    for (const m of models) {
      const p = profileForModel(m.id, m.provider);
      if (!p.exact) continue;
      exact++;
      const { name, vendors } = parseModelId(m.id);
      const openAiName = /^(gpt-|chatgpt-|o\d|codex|computer-use|omni-moderation|text-embedding|moderation|whisper|tts|dall-e|sora)/.test(name);
      assert.ok(openAiName, `${m.provider}:${m.id} is marked exact`);
      assert.ok(vendors.every((v) => v === 'openai' || v === '~openai' || v === '@cf'), `${m.provider}:${m.id}: ${vendors}`);
      assert.doesNotMatch(name, /claude|gemini|gemma|llama|mistral|deepseek|qwen|grok/, `${m.provider}:${m.id}`);
    }
    assert.ok(exact > 20);
  });

  it('parses ids and Claude versions', () => {
    assert.deepEqual(parseModelId('openrouter/anthropic/claude-3.5-sonnet:beta'), { name: 'claude-3.5-sonnet', vendors: ['openrouter', 'anthropic'] });
    assert.deepEqual(parseModelId('us.anthropic.claude-3-5-sonnet-20240620-v1:0'), { name: 'claude-3-5-sonnet-20240620-v1', vendors: ['anthropic'] });
    assert.deepEqual(claudeVersion('claude-sonnet-4-20250514'), [4, 0]);
    assert.deepEqual(claudeVersion('claude-3-7-sonnet'), [3, 7]);
    assert.deepEqual(claudeVersion('claude-opus-4.10'), [4, 10]);
    assert.equal(claudeVersion('claude-latest'), undefined);
  });

  it('countTokens applies the family factor to the o200k_base count', async () => {
    const text = 'Summarise the customer email below in three bullet points.';
    const raw = (await loadTokenizer('o200k_base')).count(text).tokens;
    const gpt = await countTokens(text, 'gpt-4o');
    const claude = await countTokens(text, 'claude-sonnet-4-5');
    const gemini = await countTokens(text, 'gemini-2.5-flash', 'google');
    assert.deepEqual([gpt.tokens, gpt.exact, gpt.encodingTokens], [raw, true, raw]);
    assert.deepEqual([claude.tokens, claude.exact, claude.encodingTokens], [Math.round(raw * 1.2), false, raw]);
    assert.deepEqual([gemini.tokens, gemini.exact], [Math.round(raw * 1.05), false]);
    const gpt4 = await countTokens(text, 'gpt-4');
    assert.equal(gpt4.encoding, 'cl100k_base');
    assert.equal(gpt4.exact, true);
  });
});
