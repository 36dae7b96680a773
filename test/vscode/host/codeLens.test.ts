import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, eventually, expectedLens, lensTitles, setSetting, workspaceUri } from './helpers';

const PROMPT_FILES = [
  'prompts/support-agent.md',
  'prompts/summarize-ticket.md',
  'prompts/classify-intent.prompty',
  'prompts/extract-invoice.prompt',
  'templates/rag-answer.j2',
  'Plugins/WriterPlugin/ShortPoem/skprompt.txt',
  'AGENTS.md',
  'CLAUDE.md',
];

async function open(relative: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(relative));
}

describe('CodeLens on dedicated prompt files (real extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    for (const key of ['model', 'requestsPerDay', 'outputTokens']) await setSetting(key, undefined);
  });

  it('activates on precise events and contributes its command', async () => {
    const ext = await activateExtension();
    const events: string[] = ext.packageJSON.activationEvents;
    assert.ok(!events.includes('*'), 'activationEvents must not contain *');
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('promptCostLens.showLog'), 'promptCostLens.showLog is registered');
  });

  it('shows at line 0 of support-agent.md exactly what the core computes', async () => {
    const doc = await open('prompts/support-agent.md');
    const want = await expectedLens(doc.getText());
    const lenses = await eventually(async () => {
      const l = await lensTitles(doc.uri);
      assert.deepStrictEqual(l, [{ line: 0, title: want }]);
      return l;
    });
    assert.match(lenses[0].title, /^[≈]?[\d,]+ tokens · \$/);
  });

  it('gives every dedicated prompt file of the sample workspace one lens matching the core', async () => {
    for (const file of PROMPT_FILES) {
      const doc = await open(file);
      const want = await expectedLens(doc.getText());
      await eventually(async () => assert.deepStrictEqual(await lensTitles(doc.uri), [{ line: 0, title: want }], file));
    }
  });

  it('gives no lens to files that are not dedicated prompts', async () => {
    for (const file of ['README.md', 'src/reply.ts', 'src/triage.py', 'Plugins/WriterPlugin/ShortPoem/config.json']) {
      const doc = await open(file);
      assert.deepStrictEqual(await lensTitles(doc.uri), [], file);
    }
  });

  it('follows a change of promptCostLens.model and traffic', async () => {
    const doc = await open('prompts/summarize-ticket.md');
    await setSetting('model', 'gpt-4o');
    await setSetting('requestsPerDay', 30_000);
    const want = await expectedLens(doc.getText(), { model: 'gpt-4o', requestsPerDay: 30_000 });
    await eventually(async () => assert.deepStrictEqual(await lensTitles(doc.uri), [{ line: 0, title: want }]));
    assert.match(want, /· gpt-4o$/);
    assert.match(want, /@ 30k\/day/);
  });

  it('follows edits of the document', async () => {
    const doc = await open('templates/rag-answer.j2');
    const before = (await lensTitles(doc.uri))[0]?.title;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '\nAlways answer in a friendly, professional tone and never reveal internal notes.\n'.repeat(5));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const want = await expectedLens(doc.getText());
    assert.notStrictEqual(want, before);
    await eventually(async () => assert.deepStrictEqual(await lensTitles(doc.uri), [{ line: 0, title: want }]));
  });

  it('names the setting and close matches for an unknown model', async () => {
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
    const want = await expectedLens(doc.getText(), { model: 'gpt-4o', requestsPerDay: 1000 });
    await eventually(async () => assert.deepStrictEqual(await lensTitles(doc.uri), [{ line: 0, title: want }]));
  });
});
