import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeDocument } from '../../../src/core/audit/analyze';
import { DEFAULT_SETTINGS } from '../../../src/core/config/schema';
import { detectPrompts, isCandidateFile } from '../../../src/core/discovery/index';
import { CATALOG_SOURCE, loadCatalog } from '../../../src/core/pricing/catalog';
import { buildScenario, routeCandidates } from '../../../src/core/whatif/build';
import type { LeverSettings } from '../../../src/core/whatif/levers';
import { scenarioMarkdown, selectionSubtitle, trimSummary } from '../../../src/core/whatif/markdown';
import { Log } from '../../../src/vscode/log';
import type { PanelSnapshot } from '../../../src/vscode/panel/costPanel';
import { LocalPanelSource } from '../../../src/vscode/panel/sources';
import { localResourceRoots, panelHtml } from '../../../src/vscode/panel/html';
import type { ViewState, WebviewToHost } from '../../../src/webview/protocol';
import { activateExtension, eventually, open, workspaceUri } from './helpers';

const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>('_promptCostLens.panel.snapshot');
const send = (m: WebviewToHost | Record<string, unknown>) => vscode.commands.executeCommand<PanelSnapshot>('_promptCostLens.panel.message', m);

/** What the core says for the same documents, prompt and levers (the CLI's path: analyzeDocument + buildScenario). */
async function expected(docs: vscode.TextDocument[], levers: LeverSettings, promptIndex?: number) {
  const catalog = await loadCatalog();
  const analysed = [];
  for (const d of docs) analysed.push(await analyzeDocument(vscode.workspace.asRelativePath(d.uri, false), d.getText(), { settings: DEFAULT_SETTINGS, catalog }));
  return buildScenario({ docs: analysed, promptIndex, levers, catalog, resolve: DEFAULT_SETTINGS, candidates: routeCandidates(catalog, DEFAULT_SETTINGS) });
}

function sameNumbers(state: ViewState | undefined, want: Awaited<ReturnType<typeof expected>>): void {
  assert.ok(state, 'the panel has a state');
  assert.strictEqual(state.status, 'ready', state.message ?? '');
  const r = want.result;
  assert.strictEqual(state.baseline.monthlyUSD, r.baseline.monthlyUSD);
  assert.strictEqual(state.baseline.inputStaticUSD, r.baseline.monthly.inputStaticUSD);
  assert.strictEqual(state.baseline.outputUSD, r.baseline.monthly.outputUSD);
  assert.deepStrictEqual(state.outcomes.map((o) => [o.id, o.alone.after, o.step?.after ?? null, o.appliesTo]), r.levers.map((o) => [o.id, o.alone.afterMonthlyUSD, o.step?.afterMonthlyUSD ?? null, o.appliesTo]));
  assert.strictEqual(state.combined.after, r.combined.afterMonthlyUSD);
  assert.deepStrictEqual(state.steps.map((s) => s.monthlyUSD), r.steps.map((s) => s.monthlyUSD));
  assert.strictEqual(state.selfHost.combined.breakEven, r.selfHost.combined.breakEvenRequestsPerDay);
}

describe('Cost panel (real extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  it('contributes its activity-bar container, webview view and command', async () => {
    const ext = vscode.extensions.getExtension('prompt-cost-lens.prompt-cost-lens')!;
    const c = ext.packageJSON.contributes;
    assert.deepStrictEqual(c.viewsContainers.activitybar.find((x: { id: string }) => x.id === 'promptCost'), { id: 'promptCost', title: 'Prompt Cost', icon: 'media/panel/icon.svg' });
    const view = c.views.promptCost.find((v: { id: string }) => v.id === 'promptCostLens.panel');
    assert.strictEqual(view.type, 'webview');
    const cmd = c.commands.find((x: { command: string }) => x.command === 'promptCostLens.openPanel');
    assert.deepStrictEqual([cmd.title, cmd.category], ['Open Cost Panel', 'Prompt Cost']);
    assert.ok((await vscode.commands.getCommands(true)).includes('promptCostLens.openPanel'));
  });

  it('the page has a strict CSP: nothing by default, one script by a fresh nonce, local resources only', () => {
    const ext = vscode.Uri.parse('file:///ext');
    const webview = { cspSource: 'https://csp.test', asWebviewUri: (u: vscode.Uri) => u } as unknown as vscode.Webview;
    const a = panelHtml(webview, ext);
    const b = panelHtml(webview, ext);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(a)![1];
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /style-src https:\/\/csp\.test;/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{24}';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const nonce = (h: string) => /<script nonce="([^"]+)" src="file:\/\/\/ext\/dist\/webview\/panel\.js">/.exec(h)![1];
    assert.notStrictEqual(nonce(a), nonce(b));
    assert.deepStrictEqual(localResourceRoots(ext).map((u) => u.path), ['/ext/dist/webview', '/ext/media']);
    assert.doesNotMatch(a, /https?:\/\/(?!csp\.test)/, 'no remote content');
  });

  it('openPanel { uri: vscode.Uri, promptIndex } (as the CodeLens calls it) shows that prompt, with the core\'s numbers', async () => {
    const doc = await open('prompts/classify-intent.prompty');
    const prompts = detectPrompts('prompts/classify-intent.prompty', doc.getText());
    await vscode.commands.executeCommand('promptCostLens.openPanel', { uri: doc.uri, promptIndex: 1 });
    const s = await eventually(async () => {
      const snap = await snapshot();
      assert.ok(snap.resolved && snap.visible, 'the view is resolved and visible');
      assert.strictEqual(snap.state?.status, 'ready');
      assert.strictEqual(snap.state!.title, `prompts/classify-intent.prompty:${prompts[1].startLine + 1} › ${prompts[1].name}`);
      return snap;
    }, 20_000);
    assert.strictEqual(s.scope, 'prompt');
    assert.deepStrictEqual([s.followed?.uri, s.followed?.promptIndex, s.followed?.pinned], [doc.uri.toString(), 1, true]);
    const want = await expected([doc], s.levers, 1);
    sameNumbers(s.state, want);
    assert.strictEqual(s.state!.subtitle, selectionSubtitle(want.items, CATALOG_SOURCE.date));
    assert.strictEqual(s.levers.routing.target, '', 'no target chosen by the user yet');
    assert.strictEqual(s.state!.levers.routing.target, want.levers.routing.target, "the panel picks the core's default target");
    assert.match(s.state!.levers.routing.target, /^openai:/, 'a cheaper model of the same vendor');
    // a string URI works too
    await vscode.commands.executeCommand('promptCostLens.openPanel', { uri: doc.uri.toString(), promptIndex: 0 });
    await eventually(async () => assert.strictEqual((await snapshot()).state?.title, `prompts/classify-intent.prompty:${prompts[0].startLine + 1} › ${prompts[0].name}`));
    sameNumbers((await snapshot()).state, await expected([doc], s.levers, 0));
  });

  it('every lever moved through the protocol gives the core\'s numbers; the markdown is the core\'s', async () => {
    const doc = await open('prompts/classify-intent.prompty');
    const before = await snapshot();
    const target = before.state!.routeOptions[2].value;
    const levers: LeverSettings = {
      trim: { on: true }, routing: { on: true, target, sharePct: 35 }, promptCache: { on: true, hitRatePct: 60, ttl: '1h' },
      responseCache: { on: true, hitRatePct: 12, mode: 'semantic', lookupUSDPerRequest: 0.0001 }, batch: { on: true, sharePct: 45 },
      selfHost: { on: true, gpuHourlyUSD: 1.2, gpuCount: 3, utilizationPct: 40 },
    };
    const s = await send({ type: 'setLevers', seq: 1000, levers });
    assert.deepStrictEqual(s.levers, levers);
    assert.strictEqual(s.state!.seq, 1000, 'the state echoes the seq it answers');
    const want = await expected([doc], levers, 0);
    sameNumbers(s.state, want);
    const title = s.state!.title;
    assert.strictEqual(s.markdown, scenarioMarkdown(want.result, want.levers, { title, subtitle: s.state!.subtitle, routeTargetLabel: want.routeTarget?.model.label, trim: trimSummary(want.items) }));
    await send({ type: 'copyMarkdown' });
    const clip = await Promise.race([vscode.env.clipboard.readText(), new Promise<string>((r) => setTimeout(() => r('(clipboard not readable here)'), 3000))]);
    if (clip !== '(clipboard not readable here)') assert.strictEqual(clip, s.markdown);
  });

  it('ignores invalid webview messages and bad openPanel arguments', async () => {
    const before = await snapshot();
    for (const bad of [{ type: 'setLevers', seq: 2000, levers: { ...before.levers, batch: { on: true, sharePct: 250 } } }, { type: 'setScope', scope: 'galaxy' }, { type: 'drop tables' }]) {
      const s = await send(bad);
      assert.deepStrictEqual([s.scope, s.levers], [before.scope, before.levers], JSON.stringify(bad));
    }
    await vscode.commands.executeCommand('promptCostLens.openPanel', { uri: 42, promptIndex: 'x' });
    assert.deepStrictEqual((await snapshot()).levers, before.levers);
  });

  it('follows the cursor from prompt to prompt', async () => {
    const doc = await open('src/reply.ts');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const prompts = detectPrompts('src/reply.ts', doc.getText());
    assert.ok(prompts.length >= 2);
    for (const i of [1, 0]) {
      const at = doc.positionAt(prompts[i].startOffset + 1);
      editor.selection = new vscode.Selection(at, at);
      await eventually(async () => {
        const s = await snapshot();
        assert.deepStrictEqual([s.followed?.uri, s.followed?.promptIndex], [doc.uri.toString(), i]);
        assert.match(s.state!.title, new RegExp(`:${prompts[i].startLine + 1} › `));
      });
    }
    sameNumbers((await snapshot()).state, await expected([doc], (await snapshot()).levers, 0));
  });

  it('file and workspace scopes: by prompt, and the whole workspace as `prompt-cost whatif DIR` computes it', async () => {
    const doc = await open('src/reply.ts');
    const f = await send({ type: 'setScope', scope: 'file' });
    assert.strictEqual(f.scope, 'file');
    sameNumbers(f.state, await expected([doc], f.levers));
    assert.strictEqual(f.state!.prompts.length, detectPrompts('src/reply.ts', doc.getText()).length);
    await send({ type: 'setScope', scope: 'workspace' });
    const w = await send({ type: 'rescan' });
    const files = (await vscode.workspace.findFiles('**/*', '**/node_modules/**'))
      .filter((u) => isCandidateFile(vscode.workspace.asRelativePath(u, false)))
      .sort((a, b) => (vscode.workspace.asRelativePath(a, false) < vscode.workspace.asRelativePath(b, false) ? -1 : 1));
    const docs: vscode.TextDocument[] = [];
    for (const u of files) {
      const d = await vscode.workspace.openTextDocument(u);
      if (detectPrompts(vscode.workspace.asRelativePath(u, false), d.getText()).length) docs.push(d);
    }
    const want = await expected(docs, w.levers);
    assert.ok(want.items.length >= 10, `${want.items.length} prompts`);
    sameNumbers(w.state, want);
    assert.strictEqual(w.state!.prompts.length, want.items.length);
    assert.match(w.state!.title, new RegExp(`^Workspace: ${want.items.length} prompts in ${docs.length} files$`));
    await send({ type: 'setScope', scope: 'prompt' });
  });

  it('keeps its scope and levers when the view is hidden and shown again (host state, no retainContextWhenHidden)', async () => {
    const before = await snapshot();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await eventually(async () => assert.strictEqual((await snapshot()).visible, false));
    await vscode.commands.executeCommand('promptCostLens.openPanel');
    const after = await eventually(async () => {
      const s = await snapshot();
      assert.ok(s.visible);
      return s;
    });
    assert.deepStrictEqual([after.scope, after.levers], [before.scope, before.levers]);
    assert.strictEqual(after.state?.status, 'ready');
    await send({ type: 'setLevers', seq: 3000, levers: { ...after.levers, trim: { on: false }, routing: { ...after.levers.routing, on: false }, promptCache: { ...after.levers.promptCache, on: false }, responseCache: { ...after.levers.responseCache, on: false }, batch: { ...after.levers.batch, on: false }, selfHost: { ...after.levers.selfHost, on: false } } });
  });

  it('openPanel on a file without prompts shows an empty state, not an error', async () => {
    const uri = workspaceUri('README.md');
    await vscode.commands.executeCommand('promptCostLens.openPanel', { uri: uri.toString() });
    const s = await eventually(async () => {
      const snap = await snapshot();
      assert.strictEqual(snap.state?.status, 'empty');
      return snap;
    });
    assert.match(s.state!.message!, /No prompts found in README\.md/);
  });
});

describe('Cost panel source: the shared workspace scan (real extension host)', () => {
  it('a request superseded while the scan runs neither stops it nor leaves an empty workspace for the next one', async () => {
    const log = new Log('Prompt Cost Lens (test)');
    const settings = { read: () => DEFAULT_SETTINGS, onDidChange: new vscode.EventEmitter<void>().event };
    const source = new LocalPanelSource(settings, log);
    try {
      const first = new vscode.CancellationTokenSource();
      const waiting = source.workspace(first.token);
      first.cancel(); // the panel cancels a request when a newer one starts
      await assert.rejects(waiting, (e: unknown) => e instanceof vscode.CancellationError);
      const next = await source.workspace(new vscode.CancellationTokenSource().token);
      const fresh = new LocalPanelSource(settings, log);
      const want = await fresh.workspace(new vscode.CancellationTokenSource().token);
      fresh.dispose();
      assert.ok(want.length >= 5, `${want.length} files with prompts`);
      assert.deepStrictEqual(next.map((d) => [d.path, d.prompts.length]), want.map((d) => [d.path, d.prompts.length]));
    } finally {
      source.dispose();
      log.dispose();
    }
  });
});
