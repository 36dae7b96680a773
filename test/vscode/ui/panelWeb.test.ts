import * as assert from 'node:assert';
import { formatUSD } from '../../../src/core/format/numbers';
import { DEFAULT_LEVERS } from '../../../src/core/whatif/levers';
import { expectedPrompt, panelFrame, tid, waitText } from './panelExpected';
import { screenshotOnFailure, Workbench } from './workbench';

// As ui/webHost.test.ts: `remote.extensionKind: [web]` runs the extension's browser entry in the web worker host.
describe('UI: the Prompt Cost panel from the web worker extension host', function () {
  let wb: Workbench | undefined;

  before(async function () {
    wb = await Workbench.open('ui-panel-web', { 'remote.extensionKind': { 'prompt-cost-lens.prompt-cost-lens': ['web'] } });
  });

  afterEach(async function () {
    await screenshotOnFailure(wb, this.currentTest);
  });

  after(async function () {
    await wb?.close();
  });

  it('opens, prices the prompt and moves a lever to the core\'s numbers', async function () {
    const rel = 'prompts/support-agent.md';
    await wb!.openFile(rel);
    await wb!.runCommand('Prompt Cost: Open Cost Panel');
    const frame = panelFrame(wb!.page);
    const base = await expectedPrompt(wb!.server.workspace, rel, 0, DEFAULT_LEVERS);
    await waitText(frame, tid('now-monthly'), formatUSD(base.result.baseline.monthlyUSD), 45_000);
    await frame.locator('label[for="batch-on"]').click();
    await frame.locator('#batch-sharePct').focus();
    for (let i = 0; i < 20; i++) await frame.locator('#batch-sharePct').press('ArrowRight');
    const b = await expectedPrompt(wb!.server.workspace, rel, 0, { ...DEFAULT_LEVERS, batch: { on: true, sharePct: 50 } });
    assert.ok(b.result.combined.savingUSD > 0);
    await waitText(frame, tid('batch-step-after'), formatUSD(b.result.combined.afterMonthlyUSD));
    await waitText(frame, tid('combined-after'), formatUSD(b.result.combined.afterMonthlyUSD));
    await wb!.runCommand('Prompt Cost: Show Log');
    await wb!.page.locator('.part.panel .view-lines', { hasText: 'activated in the web worker extension host' }).waitFor({ timeout: 20_000 });
    await wb!.screenshot('panel-web-worker');
  });
});
