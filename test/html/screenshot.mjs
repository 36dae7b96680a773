// Opens the HTML audit report of test/unit/fixtures/report-sample.json in headless Debian Chromium and checks it:
// no console errors (CSP violations included), no failed or outside requests, the three SVG charts have bars,
// the "Monthly $" header sorts (mouse and keyboard), a hostile prompt name stays text. Saves light and dark
// screenshots to test-results/screenshots/. Prints `N passed, N failed`; exit code 1 on any failure.
//   node --import tsx test/html/screenshot.mjs
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../src/core/audit/render/html.ts';

const started = Date.now();
const root = fileURLToPath(new URL('../..', import.meta.url));
const sample = JSON.parse(readFileSync(join(root, 'test/unit/fixtures/report-sample.json'), 'utf8'));
const shots = join(root, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'pcl-html-'));
for (const d of ['home', 'config', 'cache', 'data']) mkdirSync(join(tmp, d));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok  ${name}`);
  } catch (err) {
    failed++;
    console.log(`  FAIL ${name}\n       ${String(err?.message ?? err).split('\n').join('\n       ')}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Opens a report in a fresh page and records console errors, page errors, failed and outside requests, dialogs. */
async function open(context, report, file) {
  const path = join(tmp, file);
  writeFileSync(path, renderHtml(report));
  const url = pathToFileURL(path).href;
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  const log = { errors: [], failed: [], outside: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => { if (r.url() !== url) log.outside.push(r.url()); });
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** Monthly $ of the table's rows, in display order (via each row's index into the report). */
async function monthlyOrder(page) {
  const idx = await page.$$eval('#prompts tbody tr', (rows) => rows.map((r) => Number(r.getAttribute('data-i'))));
  return idx.map((i) => sample.prompts[i].monthlyUSD);
}
const isSorted = (xs, dir) => xs.every((x, i) => i === 0 || (dir === 'asc' ? xs[i - 1] <= x : xs[i - 1] >= x));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  env: { ...process.env, HOME: join(tmp, 'home'), XDG_CONFIG_HOME: join(tmp, 'config'), XDG_CACHE_HOME: join(tmp, 'cache'), XDG_DATA_HOME: join(tmp, 'data') },
  timeout: 30_000,
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const { page, log } = await open(context, sample, 'audit-report.html');
  console.log('HTML report in Chromium');

  await check('page renders the title and the totals cards', async () => {
    assert((await page.title()).startsWith('Prompt Cost Lens: $'), `title: ${await page.title()}`);
    const cards = await page.$$eval('.card .k', (els) => els.map((e) => e.textContent));
    for (const k of ['Monthly cost', 'Savings available', 'Prompts', 'Budget']) assert(cards.includes(k), `no "${k}" card in ${cards}`);
  });

  await check('the charts are SVGs with bars (by prompt: top 10 + other, by file, by rule)', async () => {
    const bars = async (id) => page.$$eval(`#${id} svg rect.bar`, (rs) => rs.map((r) => Number(r.getAttribute('width'))));
    const byPrompt = await bars('chart-prompts');
    const byFile = await bars('chart-files');
    const byRule = await bars('chart-rules');
    assert(byPrompt.length === 11, `by prompt: ${byPrompt.length} bars, want 11`);
    assert(byFile.length === new Set(sample.prompts.map((p) => p.file)).size, `by file: ${byFile.length} bars`);
    assert(byRule.length === new Set(sample.prompts.flatMap((p) => p.findings.map((f) => f.rule))).size, `by rule: ${byRule.length} bars`);
    for (const w of [...byPrompt, ...byFile, ...byRule]) assert(w > 0, `a bar of width ${w}`);
    const box = await page.locator('#chart-prompts svg').boundingBox();
    assert(box && box.width > 200 && box.height > 100, `chart box ${JSON.stringify(box)}`);
  });

  await check('rows start sorted by Monthly $ descending', async () => {
    assert(isSorted(await monthlyOrder(page), 'desc'), 'not descending');
    assert((await page.getAttribute('#prompts th:has(button[data-key=monthlyUSD])', 'aria-sort')) === 'descending', 'aria-sort');
  });

  await check('clicking "Monthly $" sorts ascending, then descending again', async () => {
    const btn = page.getByRole('button', { name: 'Monthly $' });
    await btn.click();
    const asc = await monthlyOrder(page);
    assert(isSorted(asc, 'asc') && asc[0] < asc[asc.length - 1], `not ascending: ${asc}`);
    assert((await page.getAttribute('#prompts th:has(button[data-key=monthlyUSD])', 'aria-sort')) === 'ascending', 'aria-sort not ascending');
    await btn.click();
    assert(isSorted(await monthlyOrder(page), 'desc'), 'not descending after the second click');
  });

  await check('keyboard: Enter on a focused header sorts, aria-sort moves to it', async () => {
    await page.getByRole('button', { name: 'Prompt', exact: true }).focus();
    await page.keyboard.press('Enter');
    const names = await page.$$eval('#prompts tbody tr', (rows) => rows.map((r) => Number(r.getAttribute('data-i'))));
    const got = names.map((i) => sample.prompts[i].name.toLowerCase());
    assert(got.join('\n') === [...got].sort().join('\n'), `not by name: ${got}`);
    const sorted = await page.$$eval('#prompts th[aria-sort]', (ths) => ths.map((t) => t.textContent));
    assert(sorted.length === 1 && sorted[0] === 'Prompt', `aria-sort on ${sorted}`);
    await page.getByRole('button', { name: 'Monthly $' }).click(); // back to descending for the screenshot
    assert(isSorted(await monthlyOrder(page), 'desc'), 'a new column does not start descending');
  });

  await page.screenshot({ path: join(shots, 'audit-report.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(shots, 'audit-report-dark.png'), fullPage: true });

  await check('no console errors, no failed requests, no request but the page itself', async () => {
    assert(log.errors.length === 0, `console errors: ${log.errors.join(' | ')}`);
    assert(log.failed.length === 0, `failed requests: ${log.failed.join(' | ')}`);
    assert(log.outside.length === 0, `outside requests: ${log.outside.join(' | ')}`);
  });

  await check('a hostile prompt name and file stay text (no element, no dialog, no error)', async () => {
    const evil = structuredClone(sample);
    evil.prompts[0].name = '<img src=x onerror=alert(1)>';
    evil.prompts[0].file = 'x/</script><script>alert(2)</script>.md';
    evil.prompts[0].findings[0].message = '"><svg onload=alert(3)>';
    const { page: p2, log: l2 } = await open(context, evil, 'audit-report-evil.html');
    assert((await p2.$$('img')).length === 0, 'an <img> element was created');
    assert((await p2.$$('script')).length === 2, `script elements: ${(await p2.$$('script')).length}`);
    const text = await p2.textContent('#prompts');
    assert(text.includes('<img src=x onerror=alert(1)>'), 'name not shown as text');
    assert(l2.dialogs.length === 0, `dialogs: ${l2.dialogs}`);
    assert(l2.errors.length === 0 && l2.outside.length === 0, `errors: ${l2.errors} outside: ${l2.outside}`);
    await p2.getByRole('button', { name: 'Monthly $' }).click(); // the data block still parses
    assert((await p2.getAttribute('#prompts th:has(button[data-key=monthlyUSD])', 'aria-sort')) === 'ascending', 'sort broken');
  });

  await check('an empty report renders without errors', async () => {
    const empty = { ...sample, prompts: [], skipped: [], budget: undefined, totals: { ...sample.totals, prompts: 0, files: 0, tokens: 0, perRequestUSD: 0, monthlyUSD: 0, findings: 0, savingsMonthlyUSD: 0 } };
    const { page: p3, log: l3 } = await open(context, empty, 'audit-report-empty.html');
    assert((await p3.$$('svg rect.bar')).length === 0, 'bars in an empty report');
    assert((await p3.textContent('main')).includes('No prompts found'), 'no empty-state text');
    assert(l3.errors.length === 0, `errors: ${l3.errors}`);
  });
} finally {
  await browser.close().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`\nscreenshots: ${join('test-results', 'screenshots', 'audit-report.png')} (+ -dark) · ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
