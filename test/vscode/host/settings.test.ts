import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, coreAnalysis, deleteFile, eventually, lensesMatch, lensTitles, open, resetSettings, setSetting, writeFile } from './helpers';
import { KEEP, ScriptedPrompter } from './scripted';

/** Each setting, a value, and what the core says the lenses/findings must then be. */
const CHANGES: [string, unknown][] = [
  ['model', 'claude-sonnet-4-5'],
  ['requestsPerDay', 12_345],
  ['outputTokens', 1200],
  ['daysPerMonth', 31],
  ['variables', { ticket_text: 4000 }],
  ['overrides', [{ glob: 'prompts/*.md', model: 'gpt-4o', outputTokens: 50 }]],
  ['customModels', { 'acme-llm': { input: 1, output: 2 } }],
  ['priceOverrides', { 'gpt-4o-mini': { input: 10, output: 20 } }],
];

describe('Settings apply live; .promptcost.json is merged over them (real extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await resetSettings();
    await deleteFile('.promptcost.json');
  });

  for (const [key, value] of CHANGES) {
    it(`promptCostLens.${key} changes the lenses as the core says`, async () => {
      const doc = await open('prompts/summarize-ticket.md');
      const extra: Record<string, unknown> = key === 'customModels' ? { model: 'acme-llm' } : {};
      for (const [k, v] of Object.entries(extra)) await setSetting(k, v);
      await setSetting(key, value);
      const want = await lensesMatch(doc, { [key]: value, ...extra });
      const base = (await coreAnalysis(doc)).map((a) => a.modelId);
      assert.ok(want.length === base.length);
    });
  }

  it('promptCostLens.rules and budgets change the findings', async () => {
    const doc = await open('prompts/summarize-ticket.md');
    await setSetting('budgets', { maxTokensPerPrompt: 100 });
    await eventually(async () => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Prompt Cost Lens');
      assert.ok(ds.some((d) => typeof d.code === 'object' && d.code.value === 'over-budget'), 'over-budget appears');
    });
    await setSetting('rules', { 'over-budget': 'off' });
    await eventually(async () => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Prompt Cost Lens');
      assert.ok(!ds.some((d) => typeof d.code === 'object' && d.code.value === 'over-budget'), 'turned off');
    });
  });

  it('promptCostLens.overheads and forecast feed Estimate Workload (prefilled layers, forecast multiplier)', async () => {
    const api = await activateExtension();
    await setSetting('overheads', { retryPct: 20, evalPct: 5, monitoringPct: 0, contextWastePct: 10, fixedMonthlyUSD: 250 });
    await setSetting('forecast', { retries: 1, evaluation: 0, staging: 0, monitoring: 0, growth: 2 });
    await closeAllEditors();
    const ui = new ScriptedPrompter(['gpt-4o-mini', '1000', '1000', '100', KEEP]);
    api.usePrompter(ui);
    try {
      const out = await vscode.commands.executeCommand<{ result: { monthlyUSD: number; monthlyWithOverheadsUSD: number; forecast: { multiplier: number } } }>('promptCostLens.estimateWorkload');
      assert.strictEqual(ui.asked[4].initial, 'retryPct=20 evalPct=5 monitoringPct=0 contextWastePct=10 fixedMonthlyUSD=250');
      assert.strictEqual(out.result.forecast.multiplier, 2);
      assert.ok(Math.abs(out.result.monthlyWithOverheadsUSD - (out.result.monthlyUSD * 1.35 + 250)) < 1e-9);
    } finally {
      api.usePrompter(undefined);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('promptCostLens.exclude: an excluded file gets no lenses', async () => {
    const doc = await open('templates/rag-answer.j2');
    assert.strictEqual((await lensTitles(doc.uri)).length, 1);
    await setSetting('exclude', ['**/templates/**']);
    await eventually(async () => assert.deepStrictEqual(await lensTitles(doc.uri), []));
  });

  it('.promptcost.json wins over the settings, key by key, and is watched', async () => {
    const doc = await open('prompts/support-agent.md');
    await setSetting('model', 'gpt-4.1');
    await setSetting('outputTokens', 100);
    await writeFile('.promptcost.json', JSON.stringify({ model: 'gpt-4o', requestsPerDay: 20000 }));
    await lensesMatch(doc, { model: 'gpt-4o', requestsPerDay: 20000, outputTokens: 100 }, 15_000);
    await writeFile('.promptcost.json', JSON.stringify({ requestsPerDay: 2000 }));
    await lensesMatch(doc, { model: 'gpt-4.1', requestsPerDay: 2000, outputTokens: 100 }, 15_000);
    await deleteFile('.promptcost.json');
    await lensesMatch(doc, { model: 'gpt-4.1', outputTokens: 100 }, 15_000);
  });

  it('a bad value in .promptcost.json falls back for that key only; a broken file falls back entirely', async () => {
    const doc = await open('CLAUDE.md');
    await writeFile('.promptcost.json', JSON.stringify({ model: 'gpt-4o', requestsPerDay: 'lots', outputTokens: -3 }));
    await lensesMatch(doc, { model: 'gpt-4o' }, 15_000);
    await writeFile('.promptcost.json', '{ "model": "gpt-4o", ');
    await lensesMatch(doc, {}, 15_000);
  });
});
