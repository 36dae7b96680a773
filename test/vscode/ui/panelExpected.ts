import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { runCli } from '../../../src/cli/run';
import { analyzeDocument } from '../../../src/core/audit/analyze';
import { DEFAULT_SETTINGS } from '../../../src/core/config/schema';
import { CATALOG_SOURCE, loadCatalog } from '../../../src/core/pricing/catalog';
import { buildScenario, BuiltScenario, routeCandidates } from '../../../src/core/whatif/build';
import type { LeverSettings } from '../../../src/core/whatif/levers';
import { scenarioMarkdown, selectionSubtitle, trimSummary } from '../../../src/core/whatif/markdown';

/** A prompt every lever applies to on gpt-4o-mini: a 2,000+ token static prefix, pretty JSON to trim, two variables. */
export const DEMO_PATH = 'templates/whatif-demo.j2';
export function demoText(): string {
  const lines = ['# Role', '', 'You are the billing assistant of Acme Cloud Storage. You answer questions about invoices, plans, refunds and payment methods. You are precise, friendly and brief.', '', '## Policies', ''];
  for (let i = 1; i <= 40; i++) {
    lines.push(`${i}. Policy ${i}: when a customer asks about invoice item ${i}, explain the charge, the billing period it covers, the plan it belongs to and how to download the PDF from Settings, Billing, Invoices. Never promise a refund outside the refund policy.`);
  }
  lines.push('', '## Reference data', '', '```json', '{', '  "plans": {', '    "free": { "storage_gb": 5, "price_usd": 0 },', '    "personal": { "storage_gb": 200, "price_usd": 4.99 },',
    '    "family": { "storage_gb": 2000, "price_usd": 9.99 }', '  }', '}', '```', '', '## Conversation', '', 'Customer profile: {{customer_profile}}', '', 'Question: {{question}}', '');
  return lines.join('\n');
}

/** The scenario the core computes for one prompt of a workspace file at the default settings (the panel's inputs). */
export async function expectedPrompt(workspace: string, rel: string, promptIndex: number, levers: LeverSettings): Promise<BuiltScenario> {
  const catalog = await loadCatalog();
  const doc = await analyzeDocument(rel, readFileSync(join(workspace, rel), 'utf8'), { settings: DEFAULT_SETTINGS, catalog });
  return buildScenario({ docs: [doc], promptIndex, levers, catalog, resolve: DEFAULT_SETTINGS, candidates: routeCandidates(catalog, DEFAULT_SETTINGS) });
}

/** "Copy as Markdown" for a prompt, as the core writes it. */
export function expectedMarkdown(b: BuiltScenario, title: string): string {
  return scenarioMarkdown(b.result, b.levers, { title, subtitle: selectionSubtitle(b.items, CATALOG_SOURCE.date), routeTargetLabel: b.routeTarget?.model.label, trim: trimSummary(b.items) });
}

/** `prompt-cost whatif DIR --json` run in-process on the workbench's workspace copy. */
export async function cliWhatifJson(workspace: string, args: string[]): Promise<{ result: { baseline: { monthlyUSD: number }; combined: { afterMonthlyUSD: number }; prompts: number } }> {
  let out = '';
  let err = '';
  const code = await runCli(['whatif', '.', '--json', ...args], {
    out: (s) => { out += s; }, err: (s) => { err += s; }, readFile: (p) => readFile(p), readStdin: async () => new Uint8Array(), exists: existsSync, cwd: workspace, isTTY: false,
  });
  if (code !== 0) throw new Error(`prompt-cost whatif exited ${code}: ${err}`);
  return JSON.parse(out);
}

/** The panel's webview document. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Waits until an element of the panel shows `want` (trimmed, whitespace collapsed); the error says what it showed. */
export async function waitText(frame: FrameLocator, selector: string, want: string | RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    last = ((await frame.locator(selector).first().textContent({ timeout: 2_000 }).catch(() => null)) ?? '').replace(/\s+/g, ' ').trim();
    if (typeof want === 'string' ? last === want : want.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`${selector}: expected ${String(want)}, the panel shows ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const tid = (id: string): string => `[data-testid="${id}"]`;
