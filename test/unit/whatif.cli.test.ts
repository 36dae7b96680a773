import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/run';
import type { CliIO } from '../../src/cli/io';
import { analyzeDocument, AnalyzedPrompt } from '../../src/core/audit/analyze';
import { DEFAULT_SETTINGS, Settings } from '../../src/core/config/schema';
import { detectPrompts, isCandidateFile } from '../../src/core/discovery/index';
import { CATALOG_SOURCE, loadCatalog } from '../../src/core/pricing/catalog';
import { buildScenario } from '../../src/core/whatif/build';
import { DEFAULT_LEVERS, LeverSettings } from '../../src/core/whatif/levers';
import { scenarioMarkdown, selectionSubtitle, trimSummary } from '../../src/core/whatif/markdown';

const WS = join(__dirname, '..', '..', 'samples', 'workspace');

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => { out += s; }, err: (s) => { err += s; },
    readFile: (p) => readFile(p), readStdin: async () => new Uint8Array(), exists: existsSync, cwd: WS, isTTY: false,
  };
  return { code: await runCli(argv, io), out, err };
}

const LEVER_FLAGS = ['--trim', '--route-to', 'openai:gpt-4.1-nano', '--route-pct', '60', '--prompt-cache-pct', '75', '--ttl', '1h',
  '--response-cache-pct', '20', '--cache-mode', 'semantic', '--lookup-usd', '0.00005', '--batch-pct', '30', '--gpu-usd-hour', '2.5', '--gpus', '2', '--gpu-utilization', '50'];
const LEVERS: LeverSettings = {
  trim: { on: true }, routing: { on: true, target: 'openai:gpt-4.1-nano', sharePct: 60 }, promptCache: { on: true, hitRatePct: 75, ttl: '1h' },
  responseCache: { on: true, hitRatePct: 20, mode: 'semantic', lookupUSDPerRequest: 0.00005 }, batch: { on: true, sharePct: 30 },
  selfHost: { on: true, gpuHourlyUSD: 2.5, gpuCount: 2, utilizationPct: 50 },
};

/** What the scenario layer gives for the same file, settings and levers (the panel's path). */
async function expectedForFile(rel: string, levers: LeverSettings, settings: Settings = DEFAULT_SETTINGS, promptIndex?: number) {
  const catalog = await loadCatalog();
  const doc = await analyzeDocument(rel, readFileSync(join(WS, rel), 'utf8'), { settings, catalog });
  return buildScenario({ docs: [doc], promptIndex, levers, catalog, resolve: settings });
}

test('whatif FILE --json: every lever, the same numbers as the scenario layer', async () => {
  const r = await cli(['whatif', 'prompts/support-agent.md', '--json', ...LEVER_FLAGS]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const want = await expectedForFile('prompts/support-agent.md', LEVERS);
  assert.deepEqual(j.levers, LEVERS);
  assert.deepEqual(j.result, JSON.parse(JSON.stringify(want.result)));
  assert.deepEqual(j.order, ['trim', 'routing', 'promptCache', 'responseCache', 'batch']);
  assert.equal(j.routeTarget.model, 'gpt-4.1-nano');
  assert.deepEqual(j.target, { kind: 'file', path: 'prompts/support-agent.md' });
  assert.equal(j.pricesAsOf, CATALOG_SOURCE.date);
  assert.ok(j.result.combined.afterMonthlyUSD < j.result.baseline.monthlyUSD);
  assert.equal(j.result.levers[2].appliesTo, 0, 'support-agent.md is too short for prompt caching');
  assert.match(j.result.levers[2].reason, /shorter than the minimum cacheable length \(1024\)/);
});

test('whatif FILE --prompt N: one prompt of a file, and --model/--requests-per-day as defaults', async () => {
  const r = await cli(['whatif', 'prompts/classify-intent.prompty', '--prompt', '1', '--json', '--batch-pct', '50', '--model', 'gpt-4o', '--requests-per-day', '20k']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const settings = { ...DEFAULT_SETTINGS, requestsPerDay: 20_000 };
  const want = await expectedForFile('prompts/classify-intent.prompty', { ...DEFAULT_LEVERS, batch: { on: true, sharePct: 50 } }, { ...settings, model: 'gpt-4o' }, 1);
  assert.equal(j.result.prompts, 1);
  assert.deepEqual(j.result, JSON.parse(JSON.stringify(want.result)));
  assert.deepEqual(j.target, { kind: 'prompt', path: 'prompts/classify-intent.prompty', promptIndex: 1 });
  // batch alone at 50 %: half the traffic at half price = 25 % off
  const b = j.result.levers[4];
  assert.ok(Math.abs(b.alone.afterMonthlyUSD - b.alone.beforeMonthlyUSD * 0.75) < 1e-9);
});

function candidates(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...candidates(p));
    else if (isCandidateFile(relative(WS, p))) out.push(relative(WS, p).split('\\').join('/'));
  }
  return out;
}

test('whatif DIR --json: every prompt of the folder, cross-file rules included, equal to the scenario layer', async () => {
  const r = await cli(['whatif', '.', '--json', '--trim', '--prompt-cache-pct', '90', '--response-cache-pct', '10']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const catalog = await loadCatalog();
  const files = candidates(WS).sort().map((rel) => ({ rel, text: readFileSync(join(WS, rel), 'utf8') })).map((f) => ({ ...f, prompts: detectPrompts(f.rel, f.text) })).filter((f) => f.prompts.length);
  const workspacePrompts = files.flatMap((f) => f.prompts.map((prompt) => ({ path: f.rel, prompt })));
  const docs: AnalyzedPrompt[][] = [];
  for (const f of files) docs.push(await analyzeDocument(f.rel, f.text, { settings: DEFAULT_SETTINGS, catalog, workspacePrompts, prompts: f.prompts }));
  const levers: LeverSettings = { ...DEFAULT_LEVERS, trim: { on: true }, promptCache: { on: true, hitRatePct: 90, ttl: '5m' }, responseCache: { ...DEFAULT_LEVERS.responseCache, on: true, hitRatePct: 10 } };
  const want = buildScenario({ docs, levers, catalog, resolve: DEFAULT_SETTINGS });
  assert.ok(want.items.length >= 10, `sample workspace prompts: ${want.items.length}`);
  assert.deepEqual(j.result, JSON.parse(JSON.stringify(want.result)));
  assert.equal(j.target.kind, 'dir');
});

test('whatif: the readable table and --markdown (the panel\'s "Copy as Markdown")', async () => {
  const t = await cli(['whatif', 'templates/rag-answer.j2', '--batch-pct', '40', '--response-cache-pct', '25']);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /^templates\/rag-answer\.j2: gpt-4o-mini \(OpenAI\) · 1k requests\/day/);
  assert.match(t.out, /Batch API\s+40% of traffic through the batch API\s+\$\S+ -> \$\S+ \(saves \$\S+\)/);
  assert.match(t.out, /Combined: \$\S+ -> \$\S+\/month, saves \$\S+ \(\d+\.\d%\)/);
  const m = await cli(['whatif', 'templates/rag-answer.j2', '--batch-pct', '40', '--markdown']);
  const want = await expectedForFile('templates/rag-answer.j2', { ...DEFAULT_LEVERS, batch: { on: true, sharePct: 40 } });
  assert.equal(m.out, scenarioMarkdown(want.result, want.levers, {
    title: 'templates/rag-answer.j2', subtitle: selectionSubtitle(want.items, CATALOG_SOURCE.date), routeTargetLabel: want.routeTarget?.model.label, trim: trimSummary(want.items),
  }));
});

test('whatif: usage errors exit 2 and say what is wrong', async () => {
  const cases: [string[], RegExp][] = [
    [['whatif', 'prompts/support-agent.md', '--route-pct', '50'], /--route-pct needs --route-to/],
    [['whatif', 'prompts/support-agent.md', '--route-to', 'gpt-4o-minni'], /--route-to: Unknown model 'gpt-4o-minni'.*Did you mean/],
    [['whatif', 'prompts/support-agent.md', '--batch-pct', '150'], /--batch-pct must be <= 100/],
    [['whatif', 'prompts/support-agent.md', '--prompt-cache-pct', '50', '--ttl', '2h'], /--ttl must be 5m or 1h/],
    [['whatif', 'prompts/support-agent.md', '--ttl', '1h'], /--ttl needs --prompt-cache-pct/],
    [['whatif', 'prompts/support-agent.md', '--cache-mode', 'fuzzy', '--response-cache-pct', '5'], /--cache-mode must be exact or semantic/],
    [['whatif', 'prompts/support-agent.md', '--gpus', '2'], /--gpus and --gpu-utilization need --gpu-usd-hour/],
    [['whatif', 'prompts/support-agent.md', '--json', '--markdown'], /cannot be combined/],
    [['whatif', 'prompts/support-agent.md', '--prompt', '3'], /--prompt 3: the file has 1 prompt/],
    [['whatif', '.', '--prompt', '0'], /--prompt needs a FILE/],
    [['whatif', 'nope.md'], /nope\.md: no such file or folder/],
    [['whatif', 'a', 'b'], /takes one FILE or DIR/],
    [['whatif', 'prompts/support-agent.md', '--model', 'gpt-4o-minni'], /Unknown model/],
    [['whatif', '--bogus'], /Unknown option '--bogus'/],
    [['whatif', 'prompts/support-agent.md', '--gpu-usd-hour', '2', '--gpus', '200000'], /--gpus must be <= 100000/],
    [['whatif', 'prompts/support-agent.md', '--gpu-usd-hour', '2', '--gpus', '1.5'], /--gpus must be a whole number/],
  ];
  for (const [argv, re] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')} -> ${r.code}: ${r.err}`);
    assert.match(r.err, re, argv.join(' '));
  }
  const h = await cli(['whatif', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /trim -> routing -> prompt caching -> response cache\s+-> batch/);
  assert.match((await cli(['--help'])).out, /whatif\s+what routing, caching/);
});
