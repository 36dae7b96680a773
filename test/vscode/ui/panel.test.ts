import * as assert from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRate, formatUSD } from '../../../src/core/format/numbers';
import { DEFAULT_LEVERS, LeverSettings } from '../../../src/core/whatif/levers';
import { cliWhatifJson, DEMO_PATH, demoText, expectedMarkdown, expectedPrompt, panelFrame, tid, waitText } from './panelExpected';
import { screenshotOnFailure, Workbench } from './workbench';

/** Luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
const luminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

describe('UI: the Prompt Cost panel in the browser (VSIX installed)', function () {
  let wb: Workbench | undefined;
  let levers: LeverSettings = structuredClone(DEFAULT_LEVERS) as LeverSettings;
  const frame = () => panelFrame(wb!.page);
  const ws = () => wb!.server.workspace;
  /** Updates one lever of the expected settings. */
  const set = <K extends keyof LeverSettings>(k: K, patch: Partial<LeverSettings[K]>) => {
    levers = { ...levers, [k]: { ...levers[k], ...patch } };
  };
  /** Waits until the lever's figures and the combined result are the core's for the same settings. */
  async function expectCore(id: 'trim' | 'routing' | 'promptCache' | 'responseCache' | 'batch'): Promise<void> {
    const b = await expectedPrompt(ws(), DEMO_PATH, 0, levers);
    const o = b.result.levers.find((x) => x.id === id)!;
    assert.ok(o.appliesTo > 0, `${id} applies to the demo prompt`);
    await waitText(frame(), tid(`${id}-alone-after`), formatUSD(o.alone.afterMonthlyUSD));
    await waitText(frame(), tid(`${id}-step-after`), formatUSD(o.step!.afterMonthlyUSD));
    await waitText(frame(), tid('combined-after'), formatUSD(b.result.combined.afterMonthlyUSD));
    assert.ok(b.result.combined.savingUSD > 0);
  }
  async function arrows(selector: string, key: 'ArrowRight' | 'ArrowLeft', n: number): Promise<void> {
    await frame().locator(selector).focus();
    for (let i = 0; i < n; i++) await frame().locator(selector).press(key);
  }

  before(async function () {
    wb = await Workbench.open('ui-panel', { 'workbench.colorTheme': 'Default Dark Modern' });
    writeFileSync(join(wb.server.workspace, DEMO_PATH), demoText());
  });

  afterEach(async function () {
    await screenshotOnFailure(wb, this.currentTest);
  });

  after(async function () {
    await wb?.close();
  });

  it('"Prompt Cost: Open Cost Panel" shows the prompt under the cursor at the core\'s monthly cost', async function () {
    await wb!.openFile(DEMO_PATH);
    await wb!.runCommand('Prompt Cost: Open Cost Panel');
    const b = await expectedPrompt(ws(), DEMO_PATH, 0, levers);
    await waitText(frame(), tid('now-monthly'), formatUSD(b.result.baseline.monthlyUSD), 45_000);
    await waitText(frame(), '#title', 'templates/whatif-demo.j2:1');
    await waitText(frame(), tid('breakdown-static'), formatUSD(b.result.baseline.monthly.inputStaticUSD));
    await waitText(frame(), tid('breakdown-variables'), formatUSD(b.result.baseline.monthly.inputVariablesUSD));
    await waitText(frame(), tid('breakdown-output'), formatUSD(b.result.baseline.monthly.outputUSD));
    // the routing target the panel picked is the core's default pick
    assert.strictEqual(await frame().locator('#routing-target').inputValue(), b.levers.routing.target);
    set('routing', { target: b.levers.routing.target });
    await wb!.screenshot('panel-dark-opened');
  });

  it('trim: the checkbox (keyboard: Space) applies the waste findings\' savings', async function () {
    await frame().locator('#trim-on').focus();
    await frame().locator('#trim-on').press('Space');
    set('trim', { on: true });
    await expectCore('trim');
  });

  it('routing: pick a cheaper model, arrow keys on the share slider', async function () {
    const value = await frame().locator('#routing-target option').nth(3).getAttribute('value');
    await frame().locator('#routing-target').selectOption(value!);
    await frame().locator('label[for="routing-on"]').click();
    await arrows('#routing-sharePct', 'ArrowRight', 5);
    set('routing', { on: true, target: value!, sharePct: 55 });
    await waitText(frame(), '#routing-sharePct-out', '55%');
    await expectCore('routing');
  });

  it('provider prompt caching: hit rate and TTL, with the model\'s minimum cacheable length shown', async function () {
    await frame().locator('label[for="promptCache-on"]').click();
    await arrows('#promptCache-hitRatePct', 'ArrowLeft', 10);
    await frame().locator('#promptCache-ttl').selectOption('1h');
    set('promptCache', { on: true, hitRatePct: 70, ttl: '1h' });
    await expectCore('promptCache');
    await waitText(frame(), tid('promptCache-facts'), /Minimum cacheable\s?1,024 tokens/);
  });

  it('response cache: semantic with a lookup cost typed in, hit-rate slider', async function () {
    await frame().locator('label[for="responseCache-on"]').click();
    await frame().locator('#responseCache-mode').selectOption('semantic');
    await frame().locator('#responseCache-lookupUSDPerRequest').fill('0.0001');
    await arrows('#responseCache-hitRatePct', 'ArrowRight', 4);
    set('responseCache', { on: true, mode: 'semantic', lookupUSDPerRequest: 0.0001, hitRatePct: 24 });
    await expectCore('responseCache');
  });

  it('batch: share of traffic that can wait', async function () {
    await frame().locator('label[for="batch-on"]').click();
    await arrows('#batch-sharePct', 'ArrowRight', 10);
    set('batch', { on: true, sharePct: 40 });
    await expectCore('batch');
    await frame().locator(tid('chart')).scrollIntoViewIfNeeded();
    await wb!.screenshot('panel-dark-combined');
  });

  it('self-hosting: GPU price and count typed in, utilisation slider, against the combined API cost', async function () {
    await frame().locator('label[for="selfHost-on"]').click();
    await frame().locator('#selfHost-gpuHourlyUSD').fill('3.5');
    await frame().locator('#selfHost-gpuCount').fill('2');
    await arrows('#selfHost-utilizationPct', 'ArrowLeft', 25);
    set('selfHost', { on: true, gpuHourlyUSD: 3.5, gpuCount: 2, utilizationPct: 75 });
    const b = await expectedPrompt(ws(), DEMO_PATH, 0, levers);
    assert.strictEqual(b.result.selfHost.gpuMonthlyUSD, 3.5 * 2 * 540);
    await waitText(frame(), tid('selfHost-gpu'), formatUSD(b.result.selfHost.gpuMonthlyUSD));
    await waitText(frame(), tid('selfHost-combined-before'), formatUSD(b.result.selfHost.combined.beforeMonthlyUSD));
    await waitText(frame(), tid('selfHost-breakeven'), `${formatRate(b.result.selfHost.combined.breakEvenRequestsPerDay!)} requests/day (now 1k/day)`);
    await frame().locator('#lever-selfHost').scrollIntoViewIfNeeded();
    await wb!.screenshot('panel-dark-selfhost');
  });

  it('"Copy as Markdown" copies the core\'s Markdown', async function () {
    await wb!.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb!.server.url });
    await frame().locator('#copy-md').click();
    await waitText(frame(), '#notice', 'Copied as Markdown.');
    const b = await expectedPrompt(ws(), DEMO_PATH, 0, levers);
    const title = await waitText(frame(), '#title', 'templates/whatif-demo.j2:1');
    const clip = await wb!.page.evaluate(() => navigator.clipboard.readText());
    assert.strictEqual(clip, expectedMarkdown(b, title));
  });

  it('keeps every lever when the view is hidden and shown again (no retainContextWhenHidden)', async function () {
    const combined = await waitText(frame(), tid('combined-after'), /\$/);
    await wb!.page.keyboard.press('Control+B'); // hide the side bar: the webview is destroyed
    await wb!.page.locator('iframe.webview.ready').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await wb!.runCommand('Prompt Cost: Open Cost Panel');
    await waitText(frame(), tid('combined-after'), combined);
    assert.strictEqual(await frame().locator('#batch-sharePct').inputValue(), '40');
    assert.strictEqual(await frame().locator('#selfHost-on').isChecked(), true);
    assert.strictEqual(await frame().locator('#promptCache-ttl').inputValue(), '1h');
  });

  it('reads well in the light theme too (theme colours, no hard-coded palette)', async function () {
    const dark = luminance(await frame().locator('body').evaluate((el) => getComputedStyle(el).backgroundColor));
    // workbench.preferredLightColorTheme is Default Light Modern
    await wb!.runCommand('Preferences: Toggle between Light/Dark Themes');
    const deadline = Date.now() + 15_000;
    let light = dark;
    while (Date.now() < deadline && light <= 0.5) {
      light = luminance(await frame().locator('body').evaluate((el) => getComputedStyle(el).backgroundColor).catch(() => 'rgb(0,0,0)'));
      await wb!.page.waitForTimeout(200);
    }
    assert.ok(dark < 0.3 && light > 0.7, `background luminance dark ${dark.toFixed(2)}, light ${light.toFixed(2)}`);
    await frame().locator('#summary').scrollIntoViewIfNeeded();
    await wb!.screenshot('panel-light-opened');
    await frame().locator(tid('chart')).scrollIntoViewIfNeeded();
    await wb!.screenshot('panel-light-combined');
  });

  it('stays readable when the side bar is narrow (no horizontal scrolling)', async function () {
    const page = wb!.page;
    const bar = (await page.locator('.part.sidebar').boundingBox())!;
    const edge = bar.x + bar.width;
    // the sash between the side bar and the editor: drag it 90 px to the left, as a user would
    const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height }; }));
    const sash = sashes.filter((x) => x.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    assert.ok(sash && Math.abs(sash.x - edge) < 8, `a sash at the side bar's edge (${edge}): ${JSON.stringify(sashes)}`);
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x - 45, sash.y, { steps: 5 });
    await page.mouse.move(sash.x - 90, sash.y, { steps: 5 });
    await page.mouse.up();
    const narrow = (await page.locator('.part.sidebar').boundingBox())!;
    assert.ok(narrow.width < bar.width - 40, `side bar ${bar.width} -> ${narrow.width} px`);
    await frame().locator('#lever-routing').scrollIntoViewIfNeeded();
    const overflow = await frame().locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px at ${narrow.width} px`);
    await wb!.screenshot('panel-light-narrow');
  });

  it('scope switch: File, then Workspace, equal to `prompt-cost whatif DIR --json` with the same levers', async function () {
    await frame().locator('label[for="scope-file"]').click();
    await waitText(frame(), '#title', 'templates/whatif-demo.j2: 1 prompt');
    await frame().locator('label[for="scope-workspace"]').click();
    const j = await cliWhatifJson(ws(), ['--trim', '--route-to', levers.routing.target, '--route-pct', '55', '--prompt-cache-pct', '70', '--ttl', '1h',
      '--response-cache-pct', '24', '--cache-mode', 'semantic', '--lookup-usd', '0.0001', '--batch-pct', '40', '--gpu-usd-hour', '3.5', '--gpus', '2', '--gpu-utilization', '75']);
    await waitText(frame(), '#title', new RegExp(`^Workspace: ${j.result.prompts} prompts in \\d+ files$`), 45_000);
    await waitText(frame(), tid('now-monthly'), formatUSD(j.result.baseline.monthlyUSD));
    await waitText(frame(), tid('combined-after'), formatUSD(j.result.combined.afterMonthlyUSD));
    assert.strictEqual(await frame().locator('#prompt-rows tr').count(), j.result.prompts);
    await wb!.screenshot('panel-light-workspace');
    await frame().locator('label[for="scope-prompt"]').click();
  });

  it('opens from the CodeLens: "Open the side panel on this prompt"', async function () {
    await wb!.openFile('prompts/classify-intent.prompty');
    const lenses = wb!.codeLens(/tokens ·/);
    await lenses.first().waitFor({ timeout: 30_000 });
    assert.ok((await lenses.count()) >= 2, 'one lens per prompt');
    await lenses.nth(1).locator('a').first().click();
    await wb!.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open the side panel on this prompt' }).first().click();
    await waitText(frame(), '#title', /^prompts\/classify-intent\.prompty:\d+ › .*user/i, 20_000);
    await wb!.screenshot('panel-light-from-codelens');
  });
});
