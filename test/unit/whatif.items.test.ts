import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/core/audit/analyze';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';
import { workloadMonthlyUSD } from '../../src/core/cost/whatif';
import { loadCatalog } from '../../src/core/pricing/catalog';
import { buildScenario, routeCandidates } from '../../src/core/whatif/build';
import { itemsFromAnalysis, TRIM_RULES } from '../../src/core/whatif/items';
import { DEFAULT_LEVERS } from '../../src/core/whatif/levers';
import { defaultRouteTarget, ROUTE_PROVIDERS, routeOptions } from '../../src/core/whatif/routing';
import { workloadOf } from '../../src/core/whatif/scenario';

const WS = join(__dirname, '..', '..', 'samples', 'workspace');
const read = (rel: string) => readFileSync(join(WS, rel), 'utf8');

test('items: an analysed prompt becomes a workload; trimming takes only the rules that remove tokens', async () => {
  const catalog = await loadCatalog();
  const settings = { ...DEFAULT_SETTINGS, model: 'gpt-4o' };
  const doc = await analyzeDocument('templates/rag-answer.j2', read('templates/rag-answer.j2'), { settings, catalog });
  const { items, unpriced } = itemsFromAnalysis(doc);
  assert.equal(unpriced.length, 0);
  assert.equal(items.length, doc.length);
  const [it] = items;
  const a = doc[0];
  assert.equal(it.id, 'templates/rag-answer.j2#0');
  assert.equal(it.inputTokens, a.tokens);
  assert.equal(it.outputTokens, 300);
  assert.equal(it.requestsPerDay, 1000);
  assert.ok(it.staticPrefixTokens <= it.staticTokens && it.staticTokens <= it.inputTokens);
  assert.equal(it.trimTokens, Math.min(a.tokens, a.findings.filter((f) => TRIM_RULES.has(f.rule)).reduce((s, f) => s + f.savingsTokens, 0)));
  assert.equal(it.model.minCacheableTokens, 1024);
  // today's cost equals the analysis' own monthly figure
  assert.ok(Math.abs(workloadMonthlyUSD(workloadOf(it)) - a.monthly!.monthlyUSD) < 1e-9);
});

test('items: a prompt whose model is unknown is listed as unpriced, never counted', async () => {
  const catalog = await loadCatalog();
  const doc = await analyzeDocument('AGENTS.md', read('AGENTS.md'), { settings: { ...DEFAULT_SETTINGS, model: 'no-such-model-xyz' }, catalog });
  const built = buildScenario({ docs: [doc], levers: DEFAULT_LEVERS, catalog, resolve: DEFAULT_SETTINGS });
  assert.equal(built.items.length, 0);
  assert.equal(built.unpriced.length, 1);
  assert.match(built.unpriced[0].error, /Unknown model 'no-such-model-xyz'/);
  assert.equal(built.result.baseline.monthlyUSD, 0);
});

test('routing options: cheaper first-party models, cheapest first, each resolvable to the same prices', async () => {
  const catalog = await loadCatalog();
  const settings = { ...DEFAULT_SETTINGS, model: 'gpt-4o' };
  const doc = await analyzeDocument('prompts/support-agent.md', read('prompts/support-agent.md'), { settings, catalog });
  const { items } = itemsFromAnalysis(doc);
  const current = workloadMonthlyUSD(workloadOf(items[0]));
  const options = routeOptions(items, routeCandidates(catalog, settings));
  assert.ok(options.length > 10, `${options.length} options`);
  for (let i = 1; i < options.length; i++) assert.ok(options[i - 1].monthlyUSD <= options[i].monthlyUSD);
  for (const o of options.slice(0, 20)) {
    assert.ok(o.monthlyUSD < current && o.monthlyUSD > 0, o.value);
    const [provider] = o.value.split(':');
    assert.ok(ROUTE_PROVIDERS.has(provider), o.value);
    const m = catalog.resolve(o.value, settings);
    assert.ok(Math.abs(workloadMonthlyUSD({ ...workloadOf(items[0]), prices: m.prices }) - o.monthlyUSD) < 1e-12, o.value);
  }
  assert.ok(defaultRouteTarget(items, options).startsWith('openai:'));
  // the scenario picks that default when the lever has no target yet, and keeps a chosen dearer target in the list
  const built = buildScenario({ docs: [doc], levers: DEFAULT_LEVERS, catalog, resolve: settings, candidates: routeCandidates(catalog, settings) });
  assert.equal(built.levers.routing.target, defaultRouteTarget(items, options));
  const dear = buildScenario({ docs: [doc], levers: { ...DEFAULT_LEVERS, routing: { on: true, target: 'anthropic:claude-opus-4-1', sharePct: 10 } }, catalog, resolve: settings, candidates: routeCandidates(catalog, settings) });
  assert.ok(dear.routeOptions.some((o) => o.value === 'anthropic:claude-opus-4-1'));
  assert.ok(dear.result.combined.savingUSD < 0, 'routing to a dearer model costs more');
  // custom models of the settings are candidates too
  const custom = { ...settings, customModels: { 'my-llama': { input: 0.01, output: 0.02 } } };
  assert.equal(routeOptions(items, routeCandidates(catalog, custom))[0].value, 'my-llama');
});
