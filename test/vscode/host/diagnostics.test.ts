import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PromptCostApi } from '../../../src/vscode/api';
import { activateExtension, coreAnalysis, deleteFile, eventually, open, resetSettings, setSetting, workspaceUri, writeFile } from './helpers';

const SOURCE = 'Prompt Cost Lens';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

async function waitFor(uri: vscode.Uri, rule: string, present = true): Promise<vscode.Diagnostic[]> {
  return eventually(async () => {
    const ds = ours(uri).filter((d) => ruleOf(d) === rule);
    assert.strictEqual(ds.length > 0, present, `${rule} on ${uri.path}: ${ds.length}`);
    return ds;
  });
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

describe('Diagnostics from the waste rules and their code actions (real extension host)', () => {
  let api: PromptCostApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await resetSettings();
  });

  it('few-shot-bloat on the wasteful few-shot prompt: a warning whose code links to the rule page shipped in the extension', async () => {
    const doc = await open('prompts/review-sentiment.md');
    const [d] = await waitFor(doc.uri, 'few-shot-bloat');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const [a] = await coreAnalysis(doc);
    const f = a.findings.find((x) => x.rule === 'few-shot-bloat')!;
    assert.ok(d.message.startsWith(f.message), d.message);
    assert.ok(d.range.isEqual(new vscode.Range(doc.positionAt(f.startOffset), doc.positionAt(f.endOffset))), 'range from the finding offsets');
    const target = (d.code as { target: vscode.Uri }).target;
    assert.match(target.path, /\/docs\/rules\/few-shot-bloat\.md$/);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(page, /^# few-shot-bloat/, 'the page is inside the installed extension');
  });

  it('severities come from promptCostLens.rules; "off" removes the rule', async () => {
    const doc = await open('prompts/review-sentiment.md');
    await setSetting('rules', { 'few-shot-bloat': 'error' });
    await eventually(async () => assert.strictEqual((await waitFor(doc.uri, 'few-shot-bloat'))[0].severity, vscode.DiagnosticSeverity.Error));
    await setSetting('rules', { 'few-shot-bloat': 'off' });
    await waitFor(doc.uri, 'few-shot-bloat', false);
  });

  it('duplicate-boilerplate carries the other copy as related information (cross-file, from the workspace scan)', async () => {
    await api.rescanWorkspace();
    const doc = await open('src/agents.py');
    const [d] = await waitFor(doc.uri, 'duplicate-boilerplate');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    const rel = d.relatedInformation ?? [];
    assert.ok(rel.length >= 1, 'related information');
    assert.ok(rel.some((r) => r.location.uri.toString() === workspaceUri('src/billingAgent.ts').toString()), rel.map((r) => r.location.uri.path).join());
    const other = await open('src/billingAgent.ts');
    const r = rel.find((x) => x.location.uri.path.endsWith('billingAgent.ts'))!;
    assert.match(other.getText(r.location.range), /Never ask for a password/);
  });

  it('code actions: every core fix (first preferred), ignore-here and set-traffic; applying the preferred fix removes the finding', async () => {
    const rel = 'prompts/review-sentiment-copy.md';
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('prompts/review-sentiment.md')));
    const uri = await writeFile(rel, original);
    try {
      const doc = await open(rel);
      const [d] = await waitFor(uri, 'few-shot-bloat');
      const [a] = await coreAnalysis(doc);
      const f = a.findings.find((x) => x.rule === 'few-shot-bloat')!;
      const actions = await actionsAt(uri, d.range);
      const titles = actions.map((x) => x.title);
      for (const fix of f.fixes) assert.ok(titles.some((t) => t.startsWith(fix.title)), `fix "${fix.title}" offered: ${titles.join(' | ')}`);
      const preferred = actions.filter((x) => x.isPreferred);
      assert.strictEqual(preferred.length, 1);
      assert.ok(preferred[0].title.startsWith(f.fixes[0].title));
      assert.ok(titles.includes('Ignore few-shot-bloat for this prompt (prompt-cost: ignore=few-shot-bloat)'));
      assert.ok(titles.includes('Set traffic for this prompt…'));
      assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
      const before = f.savingsTokens;
      await eventually(async () => {
        const left = ours(uri).filter((x) => ruleOf(x) === 'few-shot-bloat');
        const [after] = await coreAnalysis(doc);
        assert.ok(after.tokens < a.tokens, 'the fix removed tokens');
        const still = after.findings.filter((x) => x.rule === 'few-shot-bloat');
        assert.strictEqual(left.length, still.length, 'diagnostics follow the edit');
        assert.ok(still.every((x) => x.savingsTokens < before));
      });
      assert.ok(!doc.getText().includes('Example 3:\nReview: The desktop app syncs my photos in seconds and the family plan is a real bargain.'), 'near-duplicate #3 removed');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await deleteFile(rel);
    }
  });

  it('"ignore this rule here" writes prompt-cost: ignore=<rule-id> and the core honours it', async () => {
    const rel = 'src/agents_ignore_copy.py';
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('src/agents.py')));
    const uri = await writeFile(rel, original);
    try {
      const doc = await open(rel);
      const [d] = await waitFor(uri, 'whitespace-waste');
      const ignore = (await actionsAt(uri, d.range)).find((x) => x.title.startsWith('Ignore whitespace-waste'));
      assert.ok(ignore?.edit, 'ignore action');
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      assert.match(doc.getText(), /^# prompt-cost: ignore=whitespace-waste\nREFUND_AGENT_PROMPT = """/m);
      await waitFor(uri, 'whitespace-waste', false);
      await waitFor(uri, 'verbose-filler', true);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', uri);
      await deleteFile(rel);
    }
  });
});
