import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { requestCost } from '../../src/core/cost/request';
import { cachePolicy } from '../../src/core/pricing/caching';
import { CATALOG_SOURCE, loadCatalog } from '../../src/core/pricing/catalog';
import { editDistance, suggestClose } from '../../src/core/pricing/suggest';
import { UnknownModelError } from '../../src/core/pricing/types';

test('the catalog date belongs to the installed genai-prices version', () => {
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve('@pydantic/genai-prices')), '..', 'package.json'), 'utf8'));
  // Bumping the dependency without re-dating CATALOG_SOURCE fails here.
  assert.equal(pkg.version, CATALOG_SOURCE.version);
  assert.match(CATALOG_SOURCE.date, /^\d{4}-\d{2}-\d{2}$/);
});

test('bare ids resolve to the model\'s own vendor', async () => {
  const c = await loadCatalog();
  assert.equal(c.resolve('gpt-4o').provider, 'openai');
  assert.equal(c.resolve('claude-haiku-4-5').provider, 'anthropic');
  assert.equal(c.resolve('gemini-2.5-flash').provider, 'google');
  assert.equal(c.resolve('  GPT-4o-mini ').id, 'gpt-4o-mini');
  const m = c.resolve('gpt-4o');
  assert.deepEqual([m.prices.input, m.prices.cachedInput, m.prices.output, m.prices.batchMultiplier], [2.5, 1.25, 10, 0.5]);
  const h = c.resolve('claude-haiku-4-5').prices;
  assert.deepEqual([h.input, h.cachedInput, h.cacheWrite, h.cacheWrite1h, h.output], [1, 0.1, 1.25, 2, 5]);
});

test('provider:model and provider/model pick a reseller', async () => {
  const c = await loadCatalog();
  assert.equal(c.resolve('azure:gpt-4o').provider, 'azure');
  const or = c.resolve('openrouter/openai/gpt-4o');
  assert.equal(or.provider, 'openrouter');
  assert.equal(or.id, 'openai/gpt-4o');
  assert.equal(c.resolve('openai/gpt-4o').provider, 'openai');
  assert.equal(c.resolve('groq:llama-3.3-70b-versatile').provider, 'groq');
  assert.equal(c.resolve('gemini:gemini-2.5-flash').provider, 'google'); // alias
});

test('long-context tiers come through', async () => {
  const p = (await loadCatalog()).resolve('gemini-2.5-pro').prices;
  assert.equal(typeof p.input, 'object');
  assert.ok(typeof p.input === 'object' && p.input.tiers[0].startTokens === 200_000);
});

test('an unknown model is an error naming close matches, never $0', async () => {
  const c = await loadCatalog();
  assert.throws(() => c.resolve('claude-sonet-4-5'), (e: unknown) => e instanceof UnknownModelError && /claude-sonnet-4-5/.test(e.message));
  assert.throws(() => c.resolve('zzzz-qqqq-9'), UnknownModelError);
  assert.throws(() => c.resolve(''), UnknownModelError);
  assert.throws(() => c.resolve('nosuchvendor:gpt-4o-typo'), UnknownModelError);
});

test('custom models and price overrides', async () => {
  const c = await loadCatalog();
  const custom = c.resolve('acme-llm', { customModels: { 'acme-llm': { input: 0.5, output: 1.5, batchDiscountPct: 50 } } });
  assert.equal(custom.source, 'custom');
  assert.equal(custom.prices.batchMultiplier, 0.5);
  assert.throws(() => c.resolve('acme-half', { customModels: { 'acme-half': { input: 1 } } }), /needs both "input" and "output"/);
  const o = c.resolve('gpt-4o', { priceOverrides: { 'gpt-4o': { input: 2 } } });
  assert.equal(o.source, 'override');
  assert.equal(o.prices.input, 2);
  assert.equal(o.prices.output, 10);
});

test('prices are those in force on a date (dated catalog rows)', async () => {
  const c = await loadCatalog();
  const dated = c.list().filter((m) => m.priceDate);
  assert.ok(dated.length > 0, 'the catalog has dated prices');
  for (const m of dated) assert.match(m.priceDate!, /^\d{4}-\d{2}-\d{2}$/);
});

test('our arithmetic equals genai-prices\' own calcPrice on every text model with plain or tiered prices', async () => {
  const c = await loadCatalog();
  const asOf = new Date('2026-11-01T12:00:00Z');
  let checked = 0;
  for (const m of c.list(asOf)) {
    for (const usage of [{ input: 1234, cached: 200, output: 567 }, { input: 250_000, cached: 0, output: 1000 }]) {
      const cached = m.prices.cachedInput === undefined ? 0 : usage.cached;
      const ref = calcPrice({ input_tokens: usage.input, cache_read_tokens: cached, output_tokens: usage.output }, m.id, { providerId: m.provider, timestamp: asOf });
      if (!ref || ref.model.id !== m.id) continue;
      const raw = ref.model.prices;
      if (Array.isArray(raw) && raw.some((r) => r.constraint?.type === 'time_of_date')) continue; // blended: checked by hand below
      const ours = requestCost(m.prices, { input: usage.input, output: usage.output, cachedInput: cached }).totalUSD;
      assert.ok(Math.abs(ours - ref.total_price) <= 1e-9 * Math.max(1, ref.total_price), `${m.provider}:${m.id}: ${ours} vs ${ref.total_price}`);
      checked++;
    }
  }
  assert.ok(checked > 1000, `checked ${checked}`);
});

test('time-of-day prices are blended by the share of the day they cover', async () => {
  // deepseek-chat: 0.27 from 00:30 to 16:30 (16 h), 0.135 otherwise (8 h): 16/24 x 0.27 + 8/24 x 0.135 = 0.225
  const p = (await loadCatalog()).resolve('deepseek-chat', { asOf: new Date('2026-11-01T12:00:00Z') }).prices;
  assert.ok(Math.abs((p.input as number) - 0.225) < 1e-12, String(p.input));
  assert.ok(Math.abs((p.output as number) - (16 / 24) * 1.1 - (8 / 24) * 0.55) < 1e-12);
});

test('cache policy: minimum cacheable prefix per vendor', () => {
  assert.equal(cachePolicy({ id: 'gpt-4o', provider: 'openai' }).minCacheableTokens, 1024);
  assert.equal(cachePolicy({ id: 'claude-haiku-4-5', provider: 'anthropic' }).minCacheableTokens, 4096);
  assert.equal(cachePolicy({ id: 'claude-sonnet-4-6', provider: 'anthropic' }).minCacheableTokens, 2048);
  assert.equal(cachePolicy({ id: 'claude-sonnet-4-5', provider: 'anthropic' }).minCacheableTokens, 1024);
  assert.equal(cachePolicy({ id: 'gemini-3-pro', provider: 'google' }).minCacheableTokens, 4096);
});

test('suggestions', () => {
  assert.equal(editDistance('kitten', 'sitting', 5), 3);
  assert.equal(editDistance('a', 'abcdefgh', 2), Infinity);
  assert.deepEqual(suggestClose('gpt-4o-mnii', ['gpt-4o-mini', 'o3', 'claude']), ['gpt-4o-mini']);
});
