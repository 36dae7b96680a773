import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { batchShare, promptCaching, responseCache, routeTraffic, selfHostBreakEven, trimInput, WhatIf, Workload } from '../../src/core/cost/whatif';
import type { ModelPrices } from '../../src/core/pricing/types';
import type { ScenarioItem, ScenarioModel } from '../../src/core/whatif/items';
import { DEFAULT_LEVERS, LEVER_ORDER, LeverSettings, leverSettingsSchema } from '../../src/core/whatif/levers';
import { scenarioMarkdown } from '../../src/core/whatif/markdown';
import { computeScenario } from '../../src/core/whatif/scenario';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

const GPT4O: ModelPrices = { input: 2.5, cachedInput: 1.25, output: 10, batchMultiplier: 0.5 };
const MINI: ModelPrices = { input: 0.15, cachedInput: 0.075, output: 0.6, batchMultiplier: 0.5 };
const HAIKU: ModelPrices = { input: 1, cachedInput: 0.1, cacheWrite: 1.25, cacheWrite1h: 2, output: 5, batchMultiplier: 0.5 };
const model = (id: string, prices: ModelPrices, minCacheableTokens = 1024): ScenarioModel => ({ id, provider: 'openai', label: id, prices, minCacheableTokens, cacheNote: '' });

// 2,000 input tokens (1,600 static of which 1,500 before the first variable, 400 variables), 300 out, 10k/day, 500 trimmable
const A: ScenarioItem = {
  id: 'a.md#0', path: 'a.md', promptIndex: 0, name: 'a', startLine: 0, model: model('gpt-4o', GPT4O),
  inputTokens: 2000, staticTokens: 1600, staticPrefixTokens: 1500, outputTokens: 300, requestsPerDay: 10_000, daysPerMonth: 30, trimTokens: 500, trimFindings: 2,
};
const TARGET = model('gpt-4o-mini', MINI);
const on = (patch: Partial<{ [K in keyof LeverSettings]: Partial<LeverSettings[K]> }>): LeverSettings => {
  const l = structuredClone(DEFAULT_LEVERS) as { -readonly [K in keyof LeverSettings]: LeverSettings[K] };
  for (const [k, v] of Object.entries(patch)) Object.assign(l[k as keyof LeverSettings], v);
  return l;
};
const ALL: LeverSettings = on({
  trim: { on: true }, routing: { on: true, target: 'openai:gpt-4o-mini', sharePct: 70 }, promptCache: { on: true, hitRatePct: 80 },
  responseCache: { on: true, hitRatePct: 25, mode: 'exact' }, batch: { on: true, sharePct: 40 }, selfHost: { on: true, gpuHourlyUSD: 2, gpuCount: 2, utilizationPct: 100 },
});

test('scenario: every lever combined in order trim → routing → prompt caching → response cache → batch, worked by hand', () => {
  const r = computeScenario([A], ALL, { routeTarget: TARGET });
  // today: 2000 x 2.5 + 300 x 10 = 0.008/request x 300,000 = $2,400 (input static 1,200 + variables 300, output 900)
  close(r.baseline.monthlyUSD, 2400);
  close(r.baseline.monthly.inputStaticUSD, 1200);
  close(r.baseline.monthly.inputVariablesUSD, 300);
  close(r.baseline.monthly.outputUSD, 900);
  close(r.baseline.perRequestUSD, 0.008);
  // trim 500: (1500 x 2.5 + 3000)/1e6 = 0.00675 -> 2,025
  // routing 70 % to mini: mini (1500 x .15 + 300 x .6)/1e6 = 0.000405 -> 121.5 ; 0.3 x 2025 + 0.7 x 121.5 = 692.55
  // prompt caching 80 % of the 1,500-token prefix: gpt-4o hit 0.004875, miss 0.00675 -> 0.00525 x 90,000 = 472.5 ;
  //   mini hit 0.0002925, miss 0.000405 -> 0.000315 x 210,000 = 66.15 ; = 538.65
  // response cache 25 % exact: 538.65 x 0.75 = 403.9875 ; batch 40 % at half price: x (0.6 + 0.2) = 323.19
  const want = [2400, 2025, 692.55, 538.65, 403.9875, 323.19];
  assert.deepEqual(r.steps.map((s) => s.id), ['now', ...LEVER_ORDER]);
  r.steps.forEach((s, i) => close(s.monthlyUSD, want[i]));
  r.levers.forEach((o, i) => {
    close(o.step!.beforeMonthlyUSD, want[i]);
    close(o.step!.afterMonthlyUSD, want[i + 1]);
  });
  close(r.combined.afterMonthlyUSD, 323.19);
  close(r.combined.savingUSD, 2076.81);
  close(r.combined.savingPct, 86.53375);
  // alone, each from today's $2,400: trim 2,025 ; routing 0.3 x 2400 + 0.7 x 144 = 820.8 ; caching 1,950 ; response 1,800 ; batch 1,920
  [2025, 820.8, 1950, 1800, 1920].forEach((v, i) => close(r.levers[i].alone.afterMonthlyUSD, v));
  // self-hosting: 2 x $2 x 720 h = $2,880 ; against today: -480, break-even 12,000/day ; against the combination: 2880 x 10,000 / 323.19
  close(r.selfHost.gpuMonthlyUSD, 2880);
  close(r.selfHost.alone.savingUSD, -480);
  close(r.selfHost.alone.breakEvenRequestsPerDay!, 12_000);
  close(r.selfHost.combined.beforeMonthlyUSD, 323.19);
  close(r.selfHost.combined.breakEvenRequestsPerDay!, (2880 * 10_000) / 323.19);
});

test('scenario: one lever alone equals the core what-if, and the combination of just that lever equals it too', () => {
  const w: Workload = { prices: GPT4O, inputTokens: 2000, outputTokens: 300, requestsPerDay: 10_000, daysPerMonth: 30 };
  const L = ALL;
  const core: Record<string, WhatIf> = {
    trim: trimInput(w, 500),
    routing: routeTraffic(w, MINI, 70),
    promptCache: promptCaching(w, { staticPrefixTokens: 1500, hitRatePct: 80, minCacheableTokens: 1024 }),
    responseCache: responseCache(w, 25, { mode: 'exact' }),
    batch: batchShare(w, 40),
  };
  for (const id of LEVER_ORDER) {
    const only = on({ [id]: { ...L[id], on: true } });
    const r = computeScenario([A], only, { routeTarget: TARGET });
    const o = r.levers.find((x) => x.id === id)!;
    close(o.alone.afterMonthlyUSD, core[id].afterMonthlyUSD);
    close(o.alone.savingUSD, core[id].savingUSD);
    close(r.combined.afterMonthlyUSD, core[id].afterMonthlyUSD);
    assert.deepEqual(r.combined.levers, [id]);
    for (const other of r.levers.filter((x) => x.id !== id)) assert.equal(other.step, undefined);
  }
  // semantic response cache with a lookup cost, and a 1-hour prompt cache on haiku (write premium), also match the core
  const h: ScenarioItem = { ...A, model: model('claude-haiku-4-5', HAIKU, 4096), inputTokens: 5000, staticTokens: 4500, staticPrefixTokens: 4096, outputTokens: 200, requestsPerDay: 1000 };
  const hw: Workload = { prices: HAIKU, inputTokens: 5000, outputTokens: 200, requestsPerDay: 1000, daysPerMonth: 30 };
  const pc = computeScenario([h], on({ promptCache: { on: true, hitRatePct: 90, ttl: '1h' } }));
  close(pc.combined.afterMonthlyUSD, 92.7552);
  close(pc.levers[2].alone.afterMonthlyUSD, promptCaching(hw, { staticPrefixTokens: 4096, hitRatePct: 90, minCacheableTokens: 4096, writeRate: '1h' }).afterMonthlyUSD);
  const sem = computeScenario([h], on({ responseCache: { on: true, hitRatePct: 30, mode: 'semantic', lookupUSDPerRequest: 0.0001 } }));
  close(sem.combined.afterMonthlyUSD, responseCache(hw, 30, { mode: 'semantic', lookupUSDPerRequest: 0.0001 }).afterMonthlyUSD);
  // self-hosting against one prompt = the core's selfHostBreakEven with the hours the utilisation gives
  const sh = computeScenario([A], on({ selfHost: { on: true, gpuHourlyUSD: 3, gpuCount: 2, utilizationPct: 50 } }));
  const coreSh = selfHostBreakEven(w, { gpuHourlyUSD: 3, gpuCount: 2, hoursPerMonth: 360 });
  close(sh.selfHost.gpuMonthlyUSD, coreSh.selfHostMonthlyUSD);
  close(sh.selfHost.alone.savingUSD, coreSh.savingUSD);
  close(sh.selfHost.alone.breakEvenRequestsPerDay!, coreSh.breakEvenRequestsPerDay);
});

test('scenario: a set of prompts sums per prompt; prompt caching says why it cannot apply, per prompt', () => {
  const short: ScenarioItem = { ...A, id: 'b.md#0', path: 'b.md', staticPrefixTokens: 600, trimTokens: 0, trimFindings: 0, requestsPerDay: 1000 };
  const l = on({ promptCache: { on: true, hitRatePct: 80 }, trim: { on: true } });
  const r = computeScenario([A, short], l);
  close(r.baseline.monthlyUSD, 2400 + 240);
  assert.equal(r.requestsPerDay, 11_000);
  assert.equal(r.baseline.byPrompt.length, 2);
  const pc = r.levers.find((o) => o.id === 'promptCache')!;
  assert.equal(pc.appliesTo, 1);
  assert.match(pc.reason!, /^1 of 2 prompts cannot use it: the static prefix is shorter than the minimum cacheable length$/);
  close(pc.alone.afterMonthlyUSD, 1950 + 240);
  const trim = r.levers.find((o) => o.id === 'trim')!;
  assert.equal(trim.appliesTo, 1);
  assert.equal(trim.reason, "1 of 2 prompts cannot use it: no waste finding removes input tokens");
  const alone = computeScenario([short], l);
  assert.equal(alone.levers.find((o) => o.id === 'promptCache')!.appliesTo, 0);
  assert.equal(alone.levers.find((o) => o.id === 'promptCache')!.reason, 'the static prefix (600 tokens) is shorter than the minimum cacheable length (1024)');
  // routing with no target chosen cannot apply, and leaves the combination as it is
  const nr = computeScenario([A], on({ routing: { on: true, sharePct: 50 } }));
  assert.equal(nr.levers[1].appliesTo, 0);
  assert.equal(nr.levers[1].reason, 'no target model is chosen');
  close(nr.combined.afterMonthlyUSD, 2400);
  // nothing selected: zeros everywhere, no division by zero
  const empty = computeScenario([], ALL, { routeTarget: TARGET });
  assert.equal(empty.baseline.monthlyUSD, 0);
  assert.equal(empty.combined.savingPct, 0);
  assert.equal(empty.selfHost.alone.breakEvenRequestsPerDay, null);
});

test('scenario: Markdown export carries the same numbers', () => {
  const r = computeScenario([A], ALL, { routeTarget: TARGET });
  const md = scenarioMarkdown(r, ALL, { title: 'a.md › a', subtitle: 'gpt-4o · 10k requests/day', routeTargetLabel: 'gpt-4o-mini (OpenAI)', trim: { tokens: 500, findings: 2 } });
  assert.match(md, /^### Prompt cost what-if: a\.md › a$/m);
  assert.match(md, /\| \*\*Total\*\* \(10k requests\/day, \$0\.0080\/request\) \| \*\*\$2,400\*\* \|/);
  assert.match(md, /\| Route to a cheaper model \| 70% of traffic to gpt-4o-mini \(OpenAI\) \| \$2,400 → \$821 \(saves \$1,579\) \| \$2,025 → \$693 \(saves \$1,332\) \|/);
  assert.match(md, /\*\*Combined\*\* \(Trim waste → Route to a cheaper model → Provider prompt caching → Response cache → Batch API\): \$2,400 → \$323 per month, saves \$2,077 \(86.5%\)\./);
  assert.match(md, /\*\*Self-hosting:\*\* 2 GPU × \$2.00\/h × 720 h = \$2,880\/month against \$323 on the API: the API is cheaper by \$2,557; break-even at 89.1k requests\/day\./);
});

test('lever settings: the schema accepts the defaults and rejects out-of-range, non-finite and unknown values', () => {
  assert.ok(leverSettingsSchema.safeParse(DEFAULT_LEVERS).success);
  assert.ok(leverSettingsSchema.safeParse(ALL).success);
  for (const bad of [
    on({ batch: { sharePct: 101 } }), on({ routing: { sharePct: -1 } }), on({ responseCache: { lookupUSDPerRequest: Infinity } }),
    on({ selfHost: { gpuCount: 1.5 } }), on({ promptCache: { ttl: '2h' as '1h' } }), { ...DEFAULT_LEVERS, extra: 1 }, { ...DEFAULT_LEVERS, trim: { on: 'yes' } },
  ]) assert.equal(leverSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
});

test('property: no lever setting makes a cost negative or a saving larger than the cost (combined scenario)', () => {
  const rate = fc.double({ min: 0, max: 100, noNaN: true });
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const prices: fc.Arbitrary<ModelPrices> = fc.record({ input: rate, output: rate, cachedInput: opt(rate), cacheWrite: opt(rate), cacheWrite1h: opt(rate), batchMultiplier: opt(fc.double({ min: 0, max: 1, noNaN: true })), requestFeeUSD: opt(fc.double({ min: 0, max: 0.01, noNaN: true })) });
  const pct = fc.double({ min: 0, max: 100, noNaN: true });
  const item = fc.record({ prices, input: fc.nat(300_000), stat: fc.nat(300_000), prefix: fc.nat(300_000), output: fc.nat(20_000), rpd: fc.nat(1_000_000), trim: fc.nat(400_000), min: fc.nat(8192) })
    .map((x, ): ScenarioItem => ({
      ...A, model: model('m', x.prices, x.min), inputTokens: x.input, staticTokens: Math.min(x.stat, x.input), staticPrefixTokens: Math.min(x.prefix, x.stat, x.input),
      outputTokens: x.output, requestsPerDay: x.rpd, trimTokens: Math.min(x.trim, x.input),
    }));
  const levers: fc.Arbitrary<LeverSettings> = fc.record({
    trim: fc.record({ on: fc.boolean() }),
    routing: fc.record({ on: fc.boolean(), target: fc.constant('t'), sharePct: pct }),
    promptCache: fc.record({ on: fc.boolean(), hitRatePct: pct, ttl: fc.constantFrom('5m' as const, '1h' as const) }),
    responseCache: fc.record({ on: fc.boolean(), hitRatePct: pct, mode: fc.constantFrom('exact' as const, 'semantic' as const), lookupUSDPerRequest: fc.double({ min: 0, max: 0.01, noNaN: true }) }),
    batch: fc.record({ on: fc.boolean(), sharePct: pct }),
    selfHost: fc.record({ on: fc.boolean(), gpuHourlyUSD: fc.double({ min: 0, max: 100, noNaN: true }), gpuCount: fc.nat(64), utilizationPct: pct }),
  });
  fc.assert(
    fc.property(fc.array(item, { minLength: 0, maxLength: 4 }), levers, prices, (items, l, target) => {
      const r = computeScenario(items, l, { routeTarget: model('t', target, 2048) });
      const ok = (m: { beforeMonthlyUSD: number; afterMonthlyUSD: number; savingUSD: number }, what: string) => {
        assert.ok(m.beforeMonthlyUSD >= 0 && m.afterMonthlyUSD >= 0, `${what}: negative cost`);
        assert.ok(Number.isFinite(m.afterMonthlyUSD), `${what}: not finite`);
        assert.ok(m.savingUSD <= m.beforeMonthlyUSD * (1 + 1e-12) + 1e-9, `${what}: saving larger than the cost`);
      };
      ok(r.combined, 'combined');
      for (const o of r.levers) {
        ok(o.alone, `${o.id} alone`);
        if (o.step) ok(o.step, `${o.id} step`);
      }
      for (const s of r.steps) assert.ok(s.monthlyUSD >= 0);
      ok(r.selfHost.combined, 'self-hosting');
      assert.ok(r.combined.savingPct <= 100 + 1e-9);
      close(r.baseline.monthly.inputStaticUSD + r.baseline.monthly.inputVariablesUSD + r.baseline.monthly.outputUSD + r.baseline.monthly.requestFeeUSD, r.baseline.monthlyUSD, 1e-9);
    }),
    { numRuns: 300 },
  );
});
