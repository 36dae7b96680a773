import * as assert from 'node:assert';
import { formatUSD } from '../../../src/core/format/numbers';
import { applyEdits } from '../../../src/core/rules/index';
import { expectedFor, expectedForText, sampleText, tokensShown } from './expected';
import { screenshotOnFailure, Workbench } from './workbench';

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('UI: CodeLens, squiggles, quick fix, hover, status bar and Estimate Workload (VSIX installed, Node extension host)', function () {
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

  it('Python: the lens above the embedded prompt reads what the core computes', async function () {
    const { titles } = await expectedFor('src/triage.py');
    await wb!.openFile('src/triage.py');
    const lens = wb!.codeLens(titles[0]).first();
    await lens.waitFor({ timeout: 30_000 });
    await wb!.screenshot('ui-node-python-lens');
    assert.strictEqual(clean(await lens.textContent()), titles[0]);
  });

  it('TypeScript: a lens per prompt, at the call site model (≈ for Claude)', async function () {
    const { titles } = await expectedFor('src/reply.ts');
    assert.strictEqual(titles.length, 2);
    await wb!.openFile('src/reply.ts');
    for (const t of titles) await wb!.codeLens(t).first().waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-typescript-lenses');
    assert.match(titles[0], /^≈.* · claude-haiku-4-5$/);
  });

  it('prompt files: Markdown under prompts/ and a .prompty with one lens per role section', async function () {
    const md = await expectedFor('prompts/support-agent.md');
    await wb!.openFile('prompts/support-agent.md');
    const lens = wb!.codeLens(md.titles[0]).first();
    await lens.waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-prompt-file-lens');
    assert.strictEqual(tokensShown(clean(await lens.textContent())), md.prompts[0].tokens);
    const prompty = await expectedFor('prompts/classify-intent.prompty');
    await wb!.openFile('prompts/classify-intent.prompty');
    await wb!.codeLens(prompty.titles[0]).first().waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-prompty-lens');
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
    const after = await expectedForText(file, sampleText(file) + typed);
    assert.notStrictEqual(after.titles[0], before.titles[0]);
    await wb!.openFile(file);
    await wb!.codeLens(before.titles[0]).first().waitFor({ timeout: 30_000 });
    await wb!.page.locator('.monaco-editor .view-lines').first().click();
    await wb!.page.keyboard.press('Control+End');
    await wb!.page.keyboard.type(typed);
    const lens = wb!.codeLens(after.titles[0]).first();
    await lens.waitFor({ timeout: 15_000 });
    await wb!.screenshot('ui-node-after-typing');
    assert.strictEqual(tokensShown(clean(await lens.textContent())), after.prompts[0].tokens);
  });

  it('squiggles the wasteful few-shot prompt and applies the quick fix picked with Ctrl+.', async function () {
    const { page } = wb!;
    const { prompts } = await expectedFor('prompts/review-sentiment.md');
    const finding = prompts[0].findings.find((f) => f.rule === 'few-shot-bloat')!;
    assert.ok(finding.fixes.length >= 1);
    await wb!.openFile('prompts/review-sentiment.md');
    await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await wb!.screenshot('ui-squiggle-few-shot');
    const duplicate = 'family plan is a real'; // Markdown wraps the line: match its first visual line
    assert.strictEqual(await wb!.line(duplicate).count(), 1);
    await wb!.quickFix('Example 1:', finding.fixes[0].title, 'ui-quick-fix-menu');
    await wb!.line(duplicate).waitFor({ state: 'detached', timeout: 10_000 });
    const fixed = await expectedForText('prompts/review-sentiment.md', applyEdits(sampleText('prompts/review-sentiment.md'), finding.fixes[0].edits));
    await wb!.codeLens(fixed.titles[0]).first().waitFor({ timeout: 15_000 }); // the lens follows the edit
    await wb!.screenshot('ui-quick-fix-applied');
  });

  it('shows the cost breakdown in a hover', async function () {
    await wb!.openFile('prompts/summarize-ticket.md');
    const hover = await wb!.hover('### Environment', 'Cacheable static prefix');
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /Static text/);
    assert.match(text, /ticket_text/);
    assert.match(text, /Per request:/);
    assert.match(text, /Prices as of/);
    await wb!.screenshot('ui-hover');
    await wb!.page.keyboard.press('Escape');
  });

  it('shows the active file’s monthly cost in the status bar', async function () {
    const { prompts } = await expectedFor('src/reply.ts');
    const total = prompts.reduce((s, a) => s + (a.monthly?.monthlyUSD ?? 0), 0);
    await wb!.openFile('src/reply.ts');
    const item = wb!.statusBarItem(`${formatUSD(total)}/mo · 2 prompts`);
    await item.waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-status-bar-file');
    await wb!.runCommand('View: Close All Editors'); // no prompt file active: the workspace total
    await wb!.statusBarItem(/Workspace \$[\d,.]+\/mo · \d+ prompts/).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-status-bar-workspace');
  });

  it('runs Estimate Workload to its result: model, traffic (validated as typed), tokens, overheads', async function () {
    const { page } = wb!;
    await wb!.openFile('prompts/summarize-ticket.md');
    await wb!.line('### Problem').click();
    await wb!.runCommand('Prompt Cost: Estimate Workload');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Estimate Workload: model' }).waitFor({ timeout: 20_000 });
    await input.fill('gpt-4o');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: /^\s*gpt-4o\b/ }).first().waitFor({ timeout: 10_000 });
    await wb!.screenshot('ui-estimate-1-model');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'requests per day' }).waitFor({ timeout: 10_000 });
    await input.fill('lots');
    await page.locator('.quick-input-message', { hasText: 'requests per day ≥ 0' }).waitFor({ timeout: 10_000 });
    await wb!.screenshot('ui-estimate-2-validation');
    await input.fill('30k');
    await page.keyboard.press('Enter');
    for (const step of ['input tokens per request', 'output tokens per request', 'overheads']) {
      await page.locator('.quick-input-widget', { hasText: step }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter'); // accept the prefilled value
    }
    await wb!.line('# Workload estimate: gpt-4o').waitFor({ timeout: 20_000 });
    await page.locator('.notification-toast', { hasText: 'Copy JSON' }).first().waitFor({ timeout: 10_000 });
    await wb!.screenshot('ui-estimate-3-result');
  });

  it('"Prompt Cost: Show Log" shows the log, saying which extension host runs it', async function () {
    await wb!.runCommand('Prompt Cost: Show Log');
    await wb!.page.locator('.part.panel .view-lines', { hasText: 'activated in the node extension host' }).waitFor({ timeout: 20_000 });
    await wb!.screenshot('ui-node-log');
  });
  it('re-renders when promptCostLens.model changes, and names a bad setting in a notification', async function () {
    const file = 'prompts/support-agent.md';
    const want = await expectedFor(file, { model: 'gpt-4o' });
    await wb!.setUserSettings({ 'promptCostLens.model': 'gpt-4o', 'promptCostLens.outputTokens': -1 });
    await wb!.openFile(file);
    // outputTokens -1 is invalid: the default (300) is used, so the title equals the core's at 300 output tokens.
    await wb!.codeLens(want.titles[0]).first().waitFor({ timeout: 20_000 });
    // The warning may already have been shown and sent to the notification center by the Escape that closed the settings editor.
    const note = wb!.page.locator('.notification-list-item', { hasText: 'promptCostLens.outputTokens' }).first();
    try {
      await note.waitFor({ timeout: 3_000 });
    } catch {
      await wb!.runCommand('Notifications: Show Notifications');
      await note.waitFor({ timeout: 15_000 });
    }
    await wb!.screenshot('ui-node-model-changed');
    // last test of the suite: the settings are not restored (each suite starts its own code-server)
  });
});
