import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeDocument } from '../../../src/core/audit/analyze';
import { isCandidateFile } from '../../../src/core/discovery/index';
import { formatUSD } from '../../../src/core/format/numbers';
import { loadCatalog } from '../../../src/core/pricing/catalog';
import type { PromptCostApi } from '../../../src/vscode/api';
import { activateExtension, closeAllEditors, coreAnalysis, eventually, resetSettings, setSetting, settingsWith, show } from './helpers';

/** The workspace total computed independently: every file the core calls a candidate, read and priced here. */
async function expectedWorkspaceTotal(o: Record<string, unknown> = {}): Promise<{ monthlyUSD: number; prompts: number }> {
  const catalog = await loadCatalog();
  const settings = settingsWith(o);
  let monthlyUSD = 0;
  let prompts = 0;
  for (const uri of await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/dist/**,**/.git/**,**/vendor/**}')) {
    const path = vscode.workspace.asRelativePath(uri, false);
    if (!isCandidateFile(path) || /prompt-cost-report/.test(path)) continue;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    for (const a of await analyzeDocument(path, text, { settings, catalog })) {
      prompts++;
      monthlyUSD += a.monthly?.monthlyUSD ?? 0;
    }
  }
  return { monthlyUSD, prompts };
}

describe('Status bar: the active file’s monthly cost, else the workspace total (real extension host)', () => {
  let api: PromptCostApi;

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it('shows the active prompt file’s monthly cost with a per-prompt breakdown, and picks the model on click', async () => {
    const editor = await show('src/reply.ts');
    const prompts = await coreAnalysis(editor.document);
    const total = prompts.reduce((s, a) => s + (a.monthly?.monthlyUSD ?? 0), 0);
    const state = await eventually(async () => {
      const s = api.statusBar();
      assert.strictEqual(s.scope, 'file');
      assert.strictEqual(s.text, `$(credit-card) ${formatUSD(total)}/mo · 2 prompts`);
      return s;
    });
    assert.match(state.tooltip, /\| Prompt \| Tokens \| \$\/month \|/);
    assert.ok(state.tooltip.includes('REPLY\\_SYSTEM'), 'the breakdown names the prompts');
    assert.match(state.tooltip, /Click to pick the model/);
    assert.strictEqual(state.command, 'promptCostLens.selectModel');
  });

  it('follows settings: the file total moves with the traffic', async () => {
    const editor = await show('src/triage.py');
    await setSetting('requestsPerDay', 50_000);
    const [a] = await coreAnalysis(editor.document, { requestsPerDay: 50_000 });
    await eventually(async () => assert.strictEqual(api.statusBar().text, `$(credit-card) ${formatUSD(a.monthly!.monthlyUSD)}/mo · 1 prompt`));
    await resetSettings();
  });

  it('without a prompt file active: the workspace total of the background scan (exclude respected)', async () => {
    await closeAllEditors();
    await api.rescanWorkspace();
    const want = await expectedWorkspaceTotal();
    await eventually(async () => {
      const s = api.statusBar();
      assert.strictEqual(s.scope, 'workspace');
      assert.strictEqual(s.text, `$(credit-card) Workspace ${formatUSD(want.monthlyUSD)}/mo · ${want.prompts} prompts`);
    });
    await setSetting('exclude', ['**/prompts/**', '**/node_modules/**']);
    const less = await expectedWorkspaceTotalExcluding('prompts/');
    await eventually(async () => assert.strictEqual(api.statusBar().text, `$(credit-card) Workspace ${formatUSD(less.monthlyUSD)}/mo · ${less.prompts} prompts`), 20_000);
    await resetSettings();
  });
});

async function expectedWorkspaceTotalExcluding(prefix: string): Promise<{ monthlyUSD: number; prompts: number }> {
  const catalog = await loadCatalog();
  const settings = settingsWith();
  let monthlyUSD = 0;
  let prompts = 0;
  for (const uri of await vscode.workspace.findFiles('**/*', '**/node_modules/**')) {
    const path = vscode.workspace.asRelativePath(uri, false);
    if (!isCandidateFile(path) || path.startsWith(prefix) || /prompt-cost-report/.test(path)) continue;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    for (const a of await analyzeDocument(path, text, { settings, catalog })) {
      prompts++;
      monthlyUSD += a.monthly?.monthlyUSD ?? 0;
    }
  }
  return { monthlyUSD, prompts };
}
