import * as assert from 'node:assert';
import { expectedFor, tokensShown } from './expected';
import { screenshotOnFailure, Workbench } from './workbench';

// code-server installs the VSIX on the server; the user setting `remote.extensionKind: [web]` makes the browser
// run it in its web worker extension host (dist/web/extension.js, the `browser` entry) instead of the Node one.
describe('UI: CodeLens from the web worker extension host (browser entry)', function () {
  let wb: Workbench | undefined;

  before(async function () {
    wb = await Workbench.open('ui-web', { 'remote.extensionKind': { 'prompt-cost-lens.prompt-cost-lens': ['web'] } });
  });

  afterEach(async function () {
    await screenshotOnFailure(wb, this.currentTest);
  });

  after(async function () {
    await wb?.close();
  });

  it('runs in the web worker and shows the core token count above a Dotprompt file', async function () {
    const { estimate, title } = await expectedFor('prompts/extract-invoice.prompt');
    await wb!.openFile('prompts/extract-invoice.prompt');
    const lens = wb!.codeLens(/tokens ·/).first();
    await lens.waitFor({ timeout: 45_000 });
    const shown = (await lens.textContent()) ?? '';
    assert.strictEqual(tokensShown(shown), estimate.tokens);
    assert.strictEqual(shown.replace(/\s+/g, ' ').trim(), title);
    await wb!.runCommand('Prompt Cost Lens: Show Log');
    await wb!.page.locator('.part.panel .view-lines', { hasText: 'activated in the web worker extension host' }).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-web-worker-dotprompt');
  });
});
