import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, deleteFile, eventually, lensesMatch, lensTitles, open, resetSettings, setSetting, writeFile } from './helpers';

const PROMPT_FILES = [
  'prompts/support-agent.md',
  'prompts/summarize-ticket.md',
  'prompts/review-sentiment.md',
  'prompts/classify-intent.prompty',
  'prompts/extract-invoice.prompt',
  'templates/rag-answer.j2',
  'Plugins/WriterPlugin/ShortPoem/skprompt.txt',
  'AGENTS.md',
  'CLAUDE.md',
];

describe('CodeLens above every detected prompt (real extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await resetSettings();
  });

  it('Python: one lens above the embedded prompt, priced at the call site model literal', async () => {
    const doc = await open('src/triage.py');
    const lenses = await lensesMatch(doc);
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].line, 5, 'above TRIAGE_SYSTEM_PROMPT = """…');
    assert.match(lenses[0].title, /^[≈]?[\d,]+ tokens · \$[\d.,]+\/req · \$[\d.,]+\/mo @ 1k\/day · gpt-4o-mini$/);
    const agents = await lensesMatch(await open('src/agents.py'));
    assert.ok(agents.every((l) => l.title.endsWith('· gpt-4o')), 'model="gpt-4o" at the call site wins over the setting');
  });

  it('TypeScript: a lens per prompt (system constant and the user message template)', async () => {
    const doc = await open('src/reply.ts');
    const lenses = await lensesMatch(doc);
    assert.strictEqual(lenses.length, 2);
    assert.ok(lenses.every((l) => l.title.endsWith('· claude-haiku-4-5')), 'call-site model literal');
    assert.ok(lenses.every((l) => l.title.startsWith('≈')), 'Claude counts are estimates (≈)');
    await lensesMatch(await open('src/billingAgent.ts'));
  });

  it('prompt files of every kind get exactly the lenses the core computes', async () => {
    for (const file of PROMPT_FILES) {
      const doc = await open(file);
      const lenses = await lensesMatch(doc);
      assert.ok(lenses.length >= 1, file);
    }
    assert.strictEqual((await lensTitles((await open('prompts/classify-intent.prompty')).uri)).length, 2, 'one per Prompty role section');
  });

  it('YAML config values get lenses too; files that are not prompts get none', async () => {
    const yaml = await open('config/agents.yaml');
    assert.strictEqual((await lensesMatch(yaml)).length, 1);
    for (const file of ['README.md', 'Plugins/WriterPlugin/ShortPoem/config.json']) {
      assert.deepStrictEqual(await lensTitles((await open(file)).uri), [], file);
    }
  });

  it('follows promptCostLens.model and traffic (settings apply live)', async () => {
    const doc = await open('prompts/summarize-ticket.md');
    await setSetting('model', 'gpt-4o');
    await setSetting('requestsPerDay', 30_000);
    const [lens] = await lensesMatch(doc, { model: 'gpt-4o', requestsPerDay: 30_000 });
    assert.match(lens.title, /@ 30k\/day · gpt-4o$/);
  });

  it('an inline annotation wins over the call site literal, a per-glob override and the settings', async () => {
    const body = 'PROMPT = "You are a terse assistant for Acme. Answer in one sentence and never guess."\nclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "system", "content": PROMPT}])\n';
    const rel = 'src/precedence_test.py';
    await writeFile(rel, `# prompt-cost: model=gpt-4.1 requests/day=5k\n${body}`);
    try {
      await setSetting('overrides', [{ glob: 'src/precedence_test.py', model: 'gpt-4o', requestsPerDay: 2000 }]);
      const doc = await open(rel);
      const [inline] = await lensesMatch(doc, { overrides: [{ glob: 'src/precedence_test.py', model: 'gpt-4o', requestsPerDay: 2000 }] });
      assert.match(inline.title, /@ 5k\/day · gpt-4\.1$/);
      const edit = new vscode.WorkspaceEdit();
      edit.delete(doc.uri, new vscode.Range(0, 0, 1, 0));
      await vscode.workspace.applyEdit(edit);
      const [glob] = await lensesMatch(doc, { overrides: [{ glob: 'src/precedence_test.py', model: 'gpt-4o', requestsPerDay: 2000 }] });
      assert.match(glob.title, /@ 2k\/day · gpt-4o$/, 'the override beats the call site literal');
      await setSetting('overrides', []);
      const [site] = await lensesMatch(doc);
      assert.match(site.title, /@ 1k\/day · gpt-4o-mini$/, 'then the call site literal');
      await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
    } finally {
      await deleteFile(rel);
    }
  });

  it('names where an unknown model came from and suggests close matches', async () => {
    const doc = await open('AGENTS.md');
    await setSetting('model', 'gpt-4o-minni');
    await eventually(async () => {
      const [lens] = await lensTitles(doc.uri);
      assert.ok(lens, 'a lens is still shown');
      assert.match(lens.title, /^Prompt Cost Lens: unknown model 'gpt-4o-minni' in promptCostLens\.model/);
      assert.match(lens.title, /gpt-4o-mini\b/, 'suggests the close match');
    });
  });

  it('uses the default for a bad value and keeps the other settings', async () => {
    const doc = await open('CLAUDE.md');
    await setSetting('model', 'gpt-4o');
    await setSetting('requestsPerDay', -5);
    await lensesMatch(doc, { model: 'gpt-4o' });
  });

  it('the lens command opens the prompt actions with {uri, promptIndex}', async () => {
    const doc = await open('src/reply.ts');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    const mine = lenses.filter((l) => l.command?.command === 'promptCostLens.lensActions');
    assert.strictEqual(mine.length, 2);
    const arg = mine[1].command?.arguments?.[0] as { uri: vscode.Uri; promptIndex: number };
    assert.strictEqual(arg.uri.toString(), doc.uri.toString());
    assert.strictEqual(arg.promptIndex, 1);
  });
});
