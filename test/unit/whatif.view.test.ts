import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/core/audit/analyze';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';
import { loadCatalog } from '../../src/core/pricing/catalog';
import { buildScenario, routeCandidates } from '../../src/core/whatif/build';
import { DEFAULT_LEVERS, LeverSettings } from '../../src/core/whatif/levers';
import { buildViewState } from '../../src/vscode/panel/viewModel';
import { describeIssues, hostToWebviewSchema, openPanelArgsSchema, persistedSchema, viewStateSchema, webviewToHostSchema } from '../../src/webview/protocol';

const WS = join(__dirname, '..', '..', 'samples', 'workspace');
const ALL_ON: LeverSettings = {
  trim: { on: true }, routing: { on: true, target: '', sharePct: 40 }, promptCache: { on: true, hitRatePct: 70, ttl: '1h' },
  responseCache: { on: true, hitRatePct: 15, mode: 'semantic', lookupUSDPerRequest: 0.00002 }, batch: { on: true, sharePct: 25 },
  selfHost: { on: true, gpuHourlyUSD: 1.5, gpuCount: 1, utilizationPct: 80 },
};

async function built(rel: string, levers: LeverSettings, model = 'gpt-4o') {
  const catalog = await loadCatalog();
  const settings = { ...DEFAULT_SETTINGS, model };
  const doc = await analyzeDocument(rel, readFileSync(join(WS, rel), 'utf8'), { settings, catalog });
  return buildScenario({ docs: [doc], promptIndex: 0, levers, catalog, resolve: settings, candidates: routeCandidates(catalog, settings) });
}

test('view state: built from a scenario, valid against the protocol, numbers unchanged', async () => {
  const b = await built('templates/rag-answer.j2', ALL_ON);
  const state = buildViewState({ seq: 3, scope: 'prompt', levers: ALL_ON, status: 'ready', title: 't', subtitle: 's', built: b, uriOf: (p) => `file:///ws/${p}` });
  const parsed = viewStateSchema.safeParse(JSON.parse(JSON.stringify(state)));
  assert.ok(parsed.success, parsed.success ? '' : describeIssues(parsed.error.issues));
  assert.equal(state.levers.routing.target, b.levers.routing.target, 'the default routing target is picked and sent');
  assert.match(state.levers.routing.target, /^openai:/);
  assert.equal(state.baseline.monthlyUSD, b.result.baseline.monthlyUSD);
  assert.equal(state.combined.after, b.result.combined.afterMonthlyUSD);
  state.outcomes.forEach((o, i) => {
    assert.equal(o.alone.after, b.result.levers[i].alone.afterMonthlyUSD);
    assert.equal(o.step?.after, b.result.levers[i].step?.afterMonthlyUSD);
  });
  assert.equal(state.selfHost.combined.breakEven, b.result.selfHost.combined.breakEvenRequestsPerDay);
  assert.deepEqual(state.steps.map((s) => s.id), ['now', 'trim', 'routing', 'promptCache', 'responseCache', 'batch']);
  const pc = state.outcomes.find((o) => o.id === 'promptCache')!;
  assert.deepEqual(pc.facts.map((f) => f.label), ['Static prefix', 'Minimum cacheable', 'Cached read', 'Cache write (1h)']);
  assert.match(pc.facts[1].value, /^1,024 tokens \(OpenAI/);
  assert.match(pc.facts[2].value, /^\$1\.25 per 1M tokens \(input \$2\.50 per 1M tokens\)$/);
  assert.match(pc.facts[3].value, /no write premium/);
  assert.ok(hostToWebviewSchema.safeParse({ type: 'state', state }).success);
  assert.ok(persistedSchema.safeParse({ state, sentSeq: 3 }).success);
});

test('view state: haiku prompt caching shows its write rates; empty and loading states are valid too', async () => {
  const b = await built('prompts/support-agent.md', { ...DEFAULT_LEVERS, promptCache: { on: true, hitRatePct: 90, ttl: '1h' } }, 'claude-haiku-4-5');
  const state = buildViewState({ seq: 0, scope: 'prompt', levers: DEFAULT_LEVERS, status: 'ready', title: 't', subtitle: 's', built: b, uriOf: () => 'file:///x' });
  const pc = state.outcomes.find((o) => o.id === 'promptCache')!;
  assert.equal(pc.appliesTo, 0);
  assert.match(pc.reason!, /shorter than the minimum cacheable length \(4096\)/);
  assert.match(pc.facts[1].value, /^4,096 tokens \(Anthropic/);
  assert.match(pc.facts[3].value, /^\$2\.00 per 1M tokens$/);
  for (const status of ['empty', 'loading'] as const) {
    const s = buildViewState({ seq: 0, scope: 'workspace', levers: DEFAULT_LEVERS, status, message: 'm', title: 'Workspace', subtitle: '', uriOf: () => '' });
    assert.ok(viewStateSchema.safeParse(s).success);
    assert.equal(s.baseline.monthlyUSD, 0);
  }
});

test('protocol: messages from the webview are validated; bad ones are described', () => {
  const ok = [
    { type: 'ready' }, { type: 'setScope', scope: 'workspace' }, { type: 'setLevers', seq: 4, levers: ALL_ON }, { type: 'copyMarkdown' },
    { type: 'openPrompt', uri: 'file:///a.md', promptIndex: 2 }, { type: 'rescan' },
  ];
  for (const m of ok) assert.ok(webviewToHostSchema.safeParse(m).success, JSON.stringify(m));
  const bad = [
    null, 'ready', { type: 'nope' }, { type: 'setScope', scope: 'folder' }, { type: 'setLevers', seq: -1, levers: ALL_ON },
    { type: 'setLevers', seq: 1, levers: { ...ALL_ON, batch: { on: true, sharePct: 120 } } }, { type: 'openPrompt', uri: 'file:///a.md', promptIndex: 0.5 },
    { type: 'setLevers', seq: 1, levers: { ...ALL_ON, selfHost: { ...ALL_ON.selfHost, gpuHourlyUSD: Number.NaN } } },
  ];
  for (const m of bad) assert.equal(webviewToHostSchema.safeParse(m).success, false, JSON.stringify(m));
  const r = webviewToHostSchema.safeParse({ type: 'setScope', scope: 'folder' });
  assert.equal(describeIssues(r.error!.issues), 'scope: expected one of prompt, file, workspace');
  const l = webviewToHostSchema.safeParse({ type: 'setLevers', seq: 1, levers: { ...ALL_ON, trim: { on: 'yes' } } });
  assert.equal(describeIssues(l.error!.issues), 'levers.trim.on: expected boolean');
  assert.ok(openPanelArgsSchema.safeParse({ uri: 'file:///a.md', promptIndex: 0 }).success);
  assert.ok(openPanelArgsSchema.safeParse({ uri: 'file:///a.md' }).success);
  assert.equal(openPanelArgsSchema.safeParse({ uri: '', promptIndex: 0 }).success, false);
  assert.equal(openPanelArgsSchema.safeParse({ uri: 'file:///a.md', promptIndex: -1 }).success, false);
});

test('webview code: text only through text nodes, no inline styles, no eval, no network (CSP hygiene)', () => {
  const dir = join(__dirname, '..', '..', 'src', 'webview');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const [re, what] of [[/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/, 'HTML injection'], [/setAttribute\(\s*['"]style|\.style\./, 'inline style'],
      [/\beval\(|new Function\(/, 'eval'], [/\bfetch\(|XMLHttpRequest|WebSocket|https?:\/\//, 'network']] as const) {
      assert.doesNotMatch(src.replace(/\/\/.*$/gm, '').replace(/'http:\/\/www\.w3\.org\/2000\/svg'/, ''), re, `${f}: ${what}`);
    }
  }
});
