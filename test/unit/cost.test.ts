import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_FORECAST, forecast, monthlyCost, ZERO_OVERHEADS } from '../../src/core/cost/monthly';
import { rateAt, requestCost } from '../../src/core/cost/request';
import { batchShare, promptCaching, responseCache, routeTraffic, selfHostBreakEven, trimInput, Workload, workloadMonthlyUSD } from '../../src/core/cost/whatif';
import type { ModelPrices } from '../../src/core/pricing/types';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

// gpt-4o as of the catalog: $2.50 in, $1.25 cached, $10 out per 1M; batch half price.
const GPT4O: ModelPrices = { input: 2.5, cachedInput: 1.25, output: 10, batchMultiplier: 0.5 };
// claude-haiku-4-5: $1 in, $0.10 cache read, $1.25 cache write (5 min), $2 (1 h), $5 out.
const HAIKU: ModelPrices = { input: 1, cachedInput: 0.1, cacheWrite: 1.25, cacheWrite1h: 2, output: 5, batchMultiplier: 0.5 };
const TIERED: ModelPrices = { input: { base: 1.25, tiers: [{ startTokens: 200_000, rate: 2.5 }] }, output: { base: 10, tiers: [{ startTokens: 200_000, rate: 15 }] } };

test('per request: 1,240 in + 300 out on gpt-4o, worked by hand', () => {
  // 1240 * 2.5 / 1e6 = 0.0031 ; 300 * 10 / 1e6 = 0.003
  const c = requestCost(GPT4O, { input: 1240, output: 300 });
  close(c.inputUSD, 0.0031);
  close(c.outputUSD, 0.003);
  close(c.totalUSD, 0.0061);
});

test('per request with a cached prefix and a cache write', () => {
  // 2000 in of which 1500 cached: 500*2.5 + 1500*1.25 = 1250 + 1875 = 3125 per 1M -> 0.003125; out 100*10 -> 0.001
  close(requestCost(GPT4O, { input: 2000, output: 100, cachedInput: 1500 }).totalUSD, 0.004125);
  // haiku: 5000 in, 4096 written: 904*1 + 4096*1.25 = 904 + 5120 = 6024 -> 0.006024 ; out 200*5=1000 -> 0.001
  close(requestCost(HAIKU, { input: 5000, output: 200, cacheWrite: 4096 }).totalUSD, 0.007024);
  assert.throws(() => requestCost(GPT4O, { input: 10, output: 0, cachedInput: 11 }), /cannot exceed/);
  assert.throws(() => requestCost(GPT4O, { input: -1, output: 0 }), /finite number >= 0/);
  assert.throws(() => requestCost(GPT4O, { input: NaN, output: 0 }), /finite number >= 0/);
});

test('long-context tiers reprice the whole request above the threshold (strictly greater)', () => {
  assert.equal(rateAt(TIERED.input, 200_000), 1.25);
  assert.equal(rateAt(TIERED.input, 200_001), 2.5);
  // 300k in at 2.5 = 0.75 ; 1000 out at 15 = 0.015
  close(requestCost(TIERED, { input: 300_000, output: 1000 }).totalUSD, 0.765);
});

test('batch halves every part; a model without batch price stays at standard', () => {
  close(requestCost(GPT4O, { input: 1240, output: 300 }, { batch: true }).totalUSD, 0.00305);
  close(requestCost({ input: 1, output: 2 }, { input: 1e6, output: 0 }, { batch: true }).totalUSD, 1);
});

test('per day and per month at traffic, overheads and the forecast view', () => {
  // $0.0061 x 30,000/day = $183/day ; x 30 = $5,490/month
  const m = monthlyCost(0.0061, 30_000, 30, { retryPct: 10, evalPct: 15, monitoringPct: 5, contextWastePct: 20, fixedMonthlyUSD: 500 });
  close(m.dailyUSD, 183);
  close(m.monthlyUSD, 5490);
  // 5490 * 1.5 + 500 = 8735
  close(m.monthlyWithOverheadsUSD, 8735);
  close(m.layersUSD.evaluation, 823.5);
  const naive = monthlyCost(0.0061, 30_000);
  close(naive.monthlyWithOverheadsUSD, naive.monthlyUSD);
  close(monthlyCost(0.01, 1000, 31).monthlyUSD, 310);
  // seed article: (1.5 + 0.3 + 0.5 + 0.2) x 1.5 = 3.75
  const f = forecast(15_000);
  close(f.multiplier, 3.75);
  close(f.forecastMonthlyUSD, 56_250);
  close(forecast(100, { ...DEFAULT_FORECAST, growth: 1 }).forecastMonthlyUSD, 250);
  assert.throws(() => monthlyCost(0.01, -5), /requests per day/);
  assert.throws(() => monthlyCost(0.01, 5, 0), /days per month/);
  assert.throws(() => monthlyCost(0.01, 5, 30, { ...ZERO_OVERHEADS, retryPct: NaN }), /retryPct/);
});

const W: Workload = { prices: GPT4O, inputTokens: 2000, outputTokens: 300, requestsPerDay: 10_000 };
// before: (2000*2.5 + 300*10)/1e6 = 0.008 per request ; x 300,000 requests = $2,400 / month

test('what-if: routing 70% to gpt-4o-mini', () => {
  const mini: ModelPrices = { input: 0.15, cachedInput: 0.075, output: 0.6 };
  // mini per request: (2000*0.15 + 300*0.6)/1e6 = 0.00048 -> $144/month; after = 0.3*2400 + 0.7*144 = 720 + 100.8 = 820.8
  const r = routeTraffic(W, mini, 70);
  close(r.beforeMonthlyUSD, 2400);
  close(r.afterMonthlyUSD, 820.8);
  close(r.savingUSD, 1579.2);
  assert.throws(() => routeTraffic(W, mini, 101), /between 0 and 100/);
});

test('what-if: response caching, exact and semantic with lookup cost', () => {
  close(responseCache(W, 25, { mode: 'exact' }).afterMonthlyUSD, 1800);
  // semantic: 1800 + 300,000 x $0.00002 = 1806
  close(responseCache(W, 25, { mode: 'semantic', lookupUSDPerRequest: 0.00002 }).afterMonthlyUSD, 1806);
});

test('what-if: provider prompt caching, its minimum length and write premium', () => {
  // gpt-4o, 1500-token prefix, 80% hits: hit = (500*2.5 + 1500*1.25 + 3000)/1e6 = 0.006125; miss = 0.008 (no write fee)
  // after = 300,000 x (0.8*0.006125 + 0.2*0.008) = 300,000 x 0.0065 = 1950
  const r = promptCaching(W, { staticPrefixTokens: 1500, hitRatePct: 80, minCacheableTokens: 1024 });
  assert.equal(r.applies, true);
  close(r.afterMonthlyUSD, 1950);
  const short = promptCaching(W, { staticPrefixTokens: 900, hitRatePct: 80, minCacheableTokens: 1024 });
  assert.equal(short.applies, false);
  assert.match(short.reason!, /shorter than the minimum cacheable length \(1024\)/);
  close(short.afterMonthlyUSD, short.beforeMonthlyUSD);
  // haiku, 4096 prefix of 5000, 90% hits, 1000 req/day:
  // hit  = (904*1 + 4096*0.1 + 200*5)/1e6 = (904 + 409.6 + 1000)/1e6 = 0.0023136
  // miss = (904*1 + 4096*1.25 + 1000)/1e6 = 0.007024 ; after = 30,000 x (0.9*0.0023136 + 0.1*0.007024) = 30,000 x 0.00278464 = 83.5392
  const h: Workload = { prices: HAIKU, inputTokens: 5000, outputTokens: 200, requestsPerDay: 1000 };
  close(promptCaching(h, { staticPrefixTokens: 4096, hitRatePct: 90, minCacheableTokens: 4096 }).afterMonthlyUSD, 83.5392);
  // 1-hour write at $2: miss = (904 + 8192 + 1000)/1e6 = 0.010096 ; after = 30,000 x (0.9*0.0023136 + 0.1*0.010096) = 92.7552
  close(promptCaching(h, { staticPrefixTokens: 4096, hitRatePct: 90, minCacheableTokens: 4096, writeRate: '1h' }).afterMonthlyUSD, 92.7552);
  assert.equal(promptCaching({ ...W, prices: { input: 1, output: 1 } }, { staticPrefixTokens: 1500, hitRatePct: 50, minCacheableTokens: 1024 }).applies, false);
});

test('what-if: batch share, trimming, self-hosting break-even', () => {
  close(batchShare(W, 40).afterMonthlyUSD, 2400 * 0.6 + 1200 * 0.4);
  assert.equal(batchShare({ ...W, prices: { input: 1, output: 1 } }, 40).applies, false);
  // trimming 500 tokens: (1500*2.5 + 3000)/1e6 = 0.00675 x 300,000 = 2025
  close(trimInput(W, 500).afterMonthlyUSD, 2025);
  close(trimInput(W, 5000).afterMonthlyUSD, 900);
  // 2 GPUs at $2/h x 720 h = $2,880 ; break-even = 2880 / (0.008 x 30) = 12,000 requests/day
  const s = selfHostBreakEven(W, { gpuHourlyUSD: 2, gpuCount: 2 });
  close(s.selfHostMonthlyUSD, 2880);
  close(s.savingUSD, -480);
  close(s.breakEvenRequestsPerDay, 12_000);
});

test('property: no lever setting makes a cost negative or a saving larger than the cost', () => {
  const rate = fc.double({ min: 0, max: 100, noNaN: true });
  const prices = fc.record({ input: rate, output: rate, cachedInput: fc.option(rate, { nil: undefined }), cacheWrite: fc.option(rate, { nil: undefined }), batchMultiplier: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) });
  const pct = fc.double({ min: 0, max: 100, noNaN: true });
  fc.assert(
    fc.property(prices, prices, fc.nat(500_000), fc.nat(50_000), fc.nat(1_000_000), pct, pct, fc.nat(600_000), fc.nat(10_000), (p, q, input, output, rpd, a, b, prefix, min) => {
      const w: Workload = { prices: p, inputTokens: input, outputTokens: output, requestsPerDay: rpd };
      const base = workloadMonthlyUSD(w);
      for (const r of [
        routeTraffic(w, q, a), responseCache(w, a, { mode: 'exact' }), responseCache(w, a, { mode: 'semantic', lookupUSDPerRequest: b / 1e6 }),
        promptCaching(w, { staticPrefixTokens: prefix, hitRatePct: a, minCacheableTokens: min }), batchShare(w, a), trimInput(w, prefix),
      ]) {
        assert.ok(r.afterMonthlyUSD >= 0 && r.beforeMonthlyUSD >= 0, `${r.lever}: negative cost`);
        assert.ok(r.savingUSD <= r.beforeMonthlyUSD + 1e-9, `${r.lever}: saving larger than the cost`);
        close(r.beforeMonthlyUSD, base);
      }
    }),
    { numRuns: 300 },
  );
});
