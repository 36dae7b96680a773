import * as assert from 'node:assert';
import { expectedFor, tokensShown } from './expected';
import { screenshotOnFailure, Workbench } from './workbench';

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// code-server installs the VSIX on the server; the user setting `remote.extensionKind: [web]` makes the browser
// run it in its web worker extension host (dist/web/extension.js, the `browser` entry) instead of the Node one.
describe('UI: the web worker extension host (browser entry)', function () {
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
    const { prompts, titles } = await expectedFor('prompts/extract-invoice.prompt');
    await wb!.openFile('prompts/extract-invoice.prompt');
    const lens = wb!.codeLens(/tokens ·/).first();
    await lens.waitFor({ timeout: 45_000 });
    const shown = clean(await lens.textContent());
    assert.strictEqual(tokensShown(shown), prompts[0].tokens);
    assert.strictEqual(shown, titles[0]);
    await wb!.runCommand('Prompt Cost: Show Log');
    await wb!.page.locator('.part.panel .view-lines', { hasText: 'activated in the web worker extension host' }).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-web-worker-dotprompt');
  });

  it('web worker: the Python lens, the few-shot squiggle and the status bar (workspace.fs and findFiles in the browser)', async function () {
    const py = await expectedFor('src/triage.py');
    await wb!.openFile('src/triage.py');
    await wb!.codeLens(py.titles[0]).first().waitFor({ timeout: 30_000 });
    await wb!.screenshot('ui-web-worker-python-lens');
    await wb!.openFile('prompts/review-sentiment.md');
    const fewShot = await expectedFor('prompts/review-sentiment.md');
    await wb!.page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await wb!.codeLens(fewShot.titles[0]).first().waitFor({ timeout: 20_000 });
    await wb!.statusBarItem(/\/mo · 1 prompt/).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-web-worker-squiggle');
  });
});
