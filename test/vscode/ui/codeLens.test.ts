import * as assert from 'node:assert';
import { expectedFor, expectedForText, sampleText, tokensShown } from './expected';
import { screenshotOnFailure, Workbench } from './workbench';

describe('UI: CodeLens in the browser (VSIX installed, Node extension host)', function () {
  let wb: Workbench | undefined;

  before(async function () {
    wb = await Workbench.open('ui-node');
  });

  afterEach(async function () {
    await screenshotOnFailure(wb, this.currentTest);
  });

  after(async function () {
    await wb?.close();
  });

  it('shows the core token count above prompts/support-agent.md', async function () {
    const { estimate, title } = await expectedFor('prompts/support-agent.md');
    await wb!.openFile('prompts/support-agent.md');
    const lens = wb!.codeLens(/tokens ·/).first();
    await lens.waitFor({ timeout: 30_000 });
    const shown = (await lens.textContent()) ?? '';
    await wb!.screenshot('ui-node-support-agent');
    assert.strictEqual(tokensShown(shown), estimate.tokens, `lens "${shown}" vs core ${estimate.tokens}`);
    assert.strictEqual(shown.replace(/\s+/g, ' ').trim(), title);
  });

  it('shows a lens above a .prompty file', async function () {
    const { estimate } = await expectedFor('prompts/classify-intent.prompty');
    await wb!.openFile('prompts/classify-intent.prompty');
    const lens = wb!.codeLens(/tokens ·/).first();
    await lens.waitFor({ timeout: 30_000 });
    await wb!.screenshot('ui-node-prompty');
    assert.strictEqual(tokensShown((await lens.textContent()) ?? ''), estimate.tokens);
  });

  it('shows no lens on a file that is not a prompt', async function () {
    await wb!.openFile('README.md');
    await wb!.page.waitForTimeout(1500); // give the CodeLens controller time to (not) render
    assert.strictEqual(await wb!.codeLens(/tokens ·/).count(), 0);
  });

  it('re-renders the lens while the user types (debounced)', async function () {
    const file = 'templates/rag-answer.j2';
    const typed = 'Please answer briefly and cite every article you used.';
    const before = await expectedFor(file);
    const after = await expectedForText(sampleText(file) + typed);
    assert.notStrictEqual(after.title, before.title);
    await wb!.openFile(file);
    await wb!.codeLens(before.title).first().waitFor({ timeout: 30_000 });
    await wb!.page.locator('.monaco-editor .view-lines').first().click();
    await wb!.page.keyboard.press('Control+End');
    await wb!.page.keyboard.type(typed);
    const lens = wb!.codeLens(after.title).first();
    await lens.waitFor({ timeout: 15_000 });
    await wb!.screenshot('ui-node-after-typing');
    assert.strictEqual(tokensShown((await lens.textContent()) ?? ''), after.estimate.tokens);
  });

  it('re-renders when promptCostLens.model changes, and names a bad setting in a notification', async function () {
    const file = 'prompts/support-agent.md';
    const want = await expectedFor(file, 'gpt-4o');
    await wb!.setUserSettings({ 'promptCostLens.model': 'gpt-4o', 'promptCostLens.outputTokens': -1 });
    await wb!.openFile(file);
    // outputTokens -1 is invalid: the default (300) is used, so the title equals the core's at 300 output tokens.
    const lens = wb!.codeLens(want.title).first();
    await lens.waitFor({ timeout: 20_000 });
    await wb!.page.locator('.notification-toast', { hasText: 'promptCostLens.outputTokens' }).first().waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-model-changed');
    await wb!.setUserSettings({});
    await wb!.openFile(file);
    await wb!.codeLens((await expectedFor(file)).title).first().waitFor({ timeout: 20_000 });
  });

  it('"Prompt Cost Lens: Show Log" shows the log, saying which extension host runs it', async function () {
    await wb!.runCommand('Prompt Cost Lens: Show Log');
    await wb!.page.locator('.part.panel .view-lines', { hasText: 'activated in the node extension host' }).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-log');
  });
});
