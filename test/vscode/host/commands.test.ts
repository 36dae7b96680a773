import * as assert from 'assert';
import * as vscode from 'vscode';
import { forecast, monthlyCost } from '../../../src/core/cost/monthly';
import { requestCost } from '../../../src/core/cost/request';
import { loadCatalog } from '../../../src/core/pricing/catalog';
import type { PromptCostApi } from '../../../src/vscode/api';
import { activateExtension, closeAllEditors, coreAnalysis, deleteFile, eventually, lensesMatch, lensTitles, open, resetSettings, settingsWith, show, workspaceUri, writeFile } from './helpers';
import { CANCEL, KEEP, ScriptedPrompter } from './scripted';
import type { Answer } from './scripted';

let api: PromptCostApi;

async function withAnswers<T>(answers: Answer[], run: () => Thenable<T>): Promise<{ result: T; ui: ScriptedPrompter }> {
  const ui = new ScriptedPrompter(answers);
  api.usePrompter(ui);
  try {
    const result = await run();
    ui.done();
    return { result, ui };
  } finally {
    api.usePrompter(undefined);
  }
}

describe('Commands (real extension host, questions answered by a scripted prompter)', () => {
  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await resetSettings();
    await deleteFile('.promptcost.json');
  });

  after(async () => {
    await closeAllEditors();
  });

  it('are contributed under the "Prompt Cost" category and registered', async () => {
    const pkg = vscode.extensions.getExtension('prompt-cost-lens.prompt-cost-lens')!.packageJSON;
    const contributed: { command: string; category: string; title: string }[] = pkg.contributes.commands;
    const titles = contributed.map((c) => `${c.category}: ${c.title}`);
    for (const t of ['Estimate Workload', 'Audit Workspace', 'Select Model', 'Set Traffic', 'Show Log']) assert.ok(titles.includes(`Prompt Cost: ${t}`), t);
    const all = await vscode.commands.getCommands(true);
    for (const c of contributed) assert.ok(all.includes(c.command), c.command);
    assert.ok(all.includes('promptCostLens.lensActions'));
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    assert.deepStrictEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.promptcost.json', url: './media/promptcost.schema.json' }]);
  });

  it('Select Model: picks from the catalog (prices shown) and writes promptCostLens.model; the lenses follow', async () => {
    const doc = await open('prompts/support-agent.md');
    const { result, ui } = await withAnswers(['gpt-4.1'], () => vscode.commands.executeCommand<{ value: string }>('promptCostLens.selectModel'));
    assert.strictEqual(result.value, 'gpt-4.1');
    assert.ok(ui.asked[0].options!.includes('claude-sonnet-4-5') || ui.asked[0].options!.some((o) => o.startsWith('claude')), 'Anthropic models listed');
    assert.strictEqual(vscode.workspace.getConfiguration('promptCostLens').inspect('model')?.workspaceValue, 'gpt-4.1');
    await lensesMatch(doc, { model: 'gpt-4.1' });
  });

  it('Set Traffic without a prompt at the cursor: the requestsPerDay setting, validated as typed', async () => {
    await closeAllEditors();
    const { ui } = await withAnswers(['30k'], () => vscode.commands.executeCommand('promptCostLens.setTraffic'));
    const v = ui.asked[0].validate!;
    assert.ok(v('lots'), 'rejects text');
    assert.ok(v('-5'), 'rejects negatives');
    assert.strictEqual(v('1.5M'), undefined);
    assert.strictEqual(vscode.workspace.getConfiguration('promptCostLens').inspect('requestsPerDay')?.workspaceValue, 30000);
  });

  it('Set Traffic for a prompt, written as an inline annotation', async () => {
    const rel = 'src/traffic_copy.py';
    await writeFile(rel, new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('src/triage.py'))));
    try {
      const doc = await open(rel);
      await withAnswers(['5000', 'inline'], () => vscode.commands.executeCommand('promptCostLens.setTraffic', { uri: doc.uri, promptIndex: 0 }));
      assert.match(doc.getText(), /^# prompt-cost: requests\/day=5000\nTRIAGE_SYSTEM_PROMPT/m);
      const [lens] = await lensesMatch(doc);
      assert.match(lens.title, /@ 5k\/day/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', workspaceUri(rel));
      await deleteFile(rel);
    }
  });

  it('CodeLens click → change model → .promptcost.json override for the file; the lens follows', async () => {
    const doc = await open('src/reply.ts');
    const { ui } = await withAnswers(['model', 'gpt-4o', 'file'], () => vscode.commands.executeCommand('promptCostLens.lensActions', { uri: doc.uri, promptIndex: 0 }));
    assert.deepStrictEqual(ui.asked[0].options, ['model', 'traffic', 'panel']);
    assert.strictEqual(ui.asked[1].initial, 'claude-haiku-4-5', 'the current model is highlighted');
    assert.deepStrictEqual(ui.asked[2].options, ['inline', 'file'], 'the user chooses: inline annotation or workspace file');
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('.promptcost.json'))));
    assert.deepStrictEqual(file.overrides, [{ glob: 'src/reply.ts', model: 'gpt-4o' }]);
    const lenses = await lensesMatch(doc, { overrides: file.overrides });
    assert.ok(lenses.every((l) => l.title.endsWith('· gpt-4o')));
  });

  it('CodeLens click → open the side panel executes promptCostLens.openPanel with {uri (string), promptIndex}', async () => {
    const doc = await open('src/reply.ts');
    const registered = (await vscode.commands.getCommands(true)).includes('promptCostLens.openPanel');
    let got: unknown;
    const fake = registered ? undefined : vscode.commands.registerCommand('promptCostLens.openPanel', (arg: unknown) => (got = arg));
    try {
      await withAnswers(['panel'], () => vscode.commands.executeCommand('promptCostLens.lensActions', { uri: doc.uri, promptIndex: 1 }));
      if (fake) assert.deepStrictEqual(got, { uri: doc.uri.toString(), promptIndex: 1 });
    } finally {
      fake?.dispose();
    }
  });

  it('Estimate Workload: five validated steps prefilled from the prompt at the cursor, ending in a Markdown result with JSON', async () => {
    const editor = await show('prompts/summarize-ticket.md');
    editor.selection = new vscode.Selection(4, 0, 4, 0);
    const [a] = await coreAnalysis(editor.document);
    const { result, ui } = await withAnswers(['gpt-4o', '30k', KEEP, KEEP, KEEP], () =>
      vscode.commands.executeCommand<{ result: { monthlyUSD: number; perRequestUSD: number; forecast: { forecastMonthlyUSD: number }; monthlyWithOverheadsUSD: number }; markdown: string; document: vscode.Uri }>('promptCostLens.estimateWorkload'));
    assert.deepStrictEqual(ui.asked.map((q) => q.step), [1, 2, 3, 4, 5]);
    assert.strictEqual(ui.asked[2].initial, String(a.tokens), 'input tokens prefilled from the prompt');
    assert.strictEqual(ui.asked[3].initial, String(a.outputTokens));
    assert.strictEqual(ui.asked[4].initial, 'retryPct=15 evalPct=15 monitoringPct=10 contextWastePct=0 fixedMonthlyUSD=0');
    assert.ok(ui.asked[2].validate!('12.5'), 'tokens must be whole');
    assert.ok(ui.asked[4].validate!('retryPct=2000'), 'overheads validated');
    assert.ok(ui.asked[4].validate!('bogus=1'));
    const model = (await loadCatalog()).resolve('gpt-4o');
    const r = requestCost(model.prices, { input: a.tokens, output: a.outputTokens });
    const s = settingsWith();
    const m = monthlyCost(r.totalUSD, 30_000, 30, s.overheads);
    assert.ok(Math.abs(result.result.perRequestUSD - r.totalUSD) < 1e-12);
    assert.ok(Math.abs(result.result.monthlyUSD - m.monthlyUSD) < 1e-9);
    assert.ok(Math.abs(result.result.monthlyWithOverheadsUSD - m.monthlyWithOverheadsUSD) < 1e-9);
    assert.ok(Math.abs(result.result.forecast.forecastMonthlyUSD - forecast(m.monthlyUSD, s.forecast).forecastMonthlyUSD) < 1e-9);
    for (const h of ['# Workload estimate: gpt-4o', '| Per request |', '| Per day |', '| Per month (30 days) |', '## Hidden-cost layers', '## Forecast', '```json']) assert.ok(result.markdown.includes(h), h);
    const shown = vscode.window.activeTextEditor!.document;
    assert.strictEqual(shown.uri.toString(), result.document.toString());
    assert.strictEqual(shown.languageId, 'markdown');
    const json = await vscode.commands.executeCommand<string>('promptCostLens.copyWorkloadJson');
    assert.deepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(result.result)));
    assert.strictEqual(await vscode.env.clipboard.readText(), json);
    const cancelled = await withAnswers(['gpt-4o', CANCEL], () => vscode.commands.executeCommand('promptCostLens.estimateWorkload'));
    assert.strictEqual(cancelled.result, undefined, 'Escape cancels');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Audit Workspace: fills Problems, writes the chosen format (remembered), never overwrites without asking', async () => {
    await closeAllEditors();
    const report = workspaceUri('prompt-cost-report.json');
    await deleteFile('prompt-cost-report.json');
    try {
      const first = await withAnswers(['json'], () => vscode.commands.executeCommand<{ uri: vscode.Uri; diagnostics: number; report: { totals: { prompts: number } } }>('promptCostLens.auditWorkspace'));
      assert.strictEqual(first.result.uri.toString(), report.toString());
      const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(report)));
      assert.strictEqual(written.version, 1);
      assert.strictEqual(written.totals.prompts, first.result.report.totals.prompts);
      assert.ok(written.totals.prompts >= 15, `${written.totals.prompts} prompts`);
      assert.ok(first.result.diagnostics > 0);
      const fewShot = vscode.languages.getDiagnostics(workspaceUri('prompts/review-sentiment.md')).filter((d) => d.source === 'Prompt Cost Lens');
      assert.ok(fewShot.length > 0, 'Problems panel filled for files that are not open');
      await vscode.workspace.fs.writeFile(report, new TextEncoder().encode('{"keep": true}'));
      const declined = await withAnswers(['json', CANCEL], () => vscode.commands.executeCommand<{ uri?: vscode.Uri }>('promptCostLens.auditWorkspace'));
      assert.strictEqual(declined.ui.asked[0].initial, 'json', 'the last format is remembered');
      assert.strictEqual(declined.ui.asked[1].kind, 'confirm');
      assert.deepStrictEqual(declined.ui.asked[1].options, ['Overwrite', 'Save As…']);
      assert.strictEqual(declined.result.uri, undefined);
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(report)), '{"keep": true}', 'not overwritten');
      await withAnswers(['json', 'Overwrite'], () => vscode.commands.executeCommand('promptCostLens.auditWorkspace'));
      assert.strictEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(report))).version, 1);
      const md = await withAnswers(['md'], () => vscode.commands.executeCommand<{ uri: vscode.Uri }>('promptCostLens.auditWorkspace'));
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(md.result.uri)), /Prompt Cost/);
      await deleteFile('prompt-cost-report.md');
      const html = await withAnswers(['html'], () => vscode.commands.executeCommand<{ uri: vscode.Uri }>('promptCostLens.auditWorkspace'));
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(html.result.uri)), /Content-Security-Policy/);
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Prompt cost:')), 'the HTML report opens in a webview panel');
    } finally {
      await deleteFile('prompt-cost-report.json');
      await deleteFile('prompt-cost-report.md');
      await deleteFile('prompt-cost-report.html');
      await closeAllEditors();
    }
  });

  it('Show Log runs', async () => {
    await vscode.commands.executeCommand('promptCostLens.showLog');
    assert.ok((await lensTitles((await open('AGENTS.md')).uri)).length === 1);
    await eventually(async () => assert.ok(true));
  });
});
