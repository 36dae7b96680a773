import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { renderHtml } from '../../src/core/audit/render';
import { truncateMiddle } from '../../src/core/audit/render/html-chart';
import { embedJson } from '../../src/core/audit/render/html';
import { base64, sha256, utf8 } from '../../src/core/audit/render/sha256';
import { emptyReport, sample } from './render.helpers';

const between = (html: string, open: RegExp, close: string): string[] => {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(open.source + '([\\s\\S]*?)' + close.replace(/[/]/g, '\\/'), 'g'))) out.push(m[1]!);
  return out;
};
const dataBlock = (html: string) => between(html, /<script type="application\/json" id="report-data">/, '</script>')[0]!;

test('html: one self-contained page, no external resource', () => {
  const html = renderHtml(sample());
  assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
  assert.ok(html.endsWith('</html>\n'));
  assert.doesNotMatch(html, /<link\b|<img\b|<iframe\b|@import|url\(|\bsrc=|\bhref=/i);
  assert.doesNotMatch(html, /https?:\/\//);
  assert.equal((html.match(/<script\b/g) ?? []).length, 2);
  assert.equal((html.match(/<style\b/g) ?? []).length, 1);
  assert.match(html, /@media \(prefers-color-scheme:dark\)/);
});

test('html: the CSP pins the inline style and script by their SHA-256', () => {
  const html = renderHtml(sample());
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1]!.replace(/&#39;/g, "'");
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  const style = between(html, /<style>/, '</style>')[0]!;
  const script = between(html, /<script>/, '</script>')[0]!;
  assert.match(csp, /^default-src 'none'; /);
  assert.ok(csp.includes(`style-src ${hash(style)}`), csp);
  assert.ok(csp.includes(`script-src ${hash(script)}`), csp);
  assert.ok(!csp.includes('unsafe'), csp);
});

test('sha256/base64 agree with node:crypto', () => {
  for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é✓😀 \ud800 x', 'z'.repeat(5000)]) {
    assert.equal(base64(sha256(utf8(s))), createHash('sha256').update(s, 'utf8').digest('base64'), JSON.stringify(s.slice(0, 20)));
  }
});

test('html: a prompt named <img src=x onerror=alert(1)> (and friends) is escaped everywhere', () => {
  const r = sample();
  r.prompts[0]!.name = '<img src=x onerror=alert(1)>';
  r.prompts[1]!.file = 'a/</script><script>alert(2)</script>.md';
  r.prompts[2]!.findings[0]!.message = '"><svg onload=alert(3)> & \'q\'';
  r.prompts[3]!.model = '" onmouseover="alert(4)';
  r.skipped[0] = { file: '<b>x</b>', reason: '<i>y</i>' };
  r.root = '/tmp/<root>';
  r.budget = { ok: false, reasons: ['<u>over</u>'] };
  const full = renderHtml(r);
  const html = full.replace(dataBlock(full), ''); // the markup; the data block is checked below
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<svg onload'));
  assert.ok(!html.includes('" onmouseover='));
  for (const tag of ['<b>', '<i>', '<u>', '<root>']) assert.ok(!html.includes(tag), tag);
  assert.equal((full.match(/<script\b/g) ?? []).length, 2, 'no injected script element');
  assert.equal((full.match(/<\/script>/g) ?? []).length, 2);
  // the data block holds the exact report and no raw < > &
  const block = dataBlock(full);
  assert.doesNotMatch(block, /[<>&]/);
  assert.deepEqual(JSON.parse(block), r);
});

test('html: embedJson escapes < > & and the JS line separators', () => {
  assert.equal(embedJson('{"a":"</script>&\u2028"}'), '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}');
  assert.deepEqual(JSON.parse(embedJson(JSON.stringify({ a: '</script><!-- & \u2029' }))), { a: '</script><!-- & \u2029' });
});

test('html: totals cards, budget, prices date, skipped files', () => {
  const html = renderHtml(sample());
  assert.match(html, /<title>Prompt Cost Lens: \$7,175\/month<\/title>/);
  assert.match(html, /<div class="k">Monthly cost<\/div><div class="v">\$7,175<\/div>/);
  assert.match(html, /<div class="k">Savings available<\/div><div class="v">\$1,766\/mo<\/div><div class="d">25% of the cost, 14 findings<\/div>/);
  assert.match(html, /<div class="card bad"><div class="k">Budget<\/div><div class="v">Over<\/div>/);
  assert.match(html, /prices as of 2025-05-28/);
  assert.match(html, /<li><code>prompts\/legacy\/old-system\.prompt<\/code>: not UTF-8 text<\/li>/);
});

test('html: three SVG bar charts: by prompt (top 10 + other), by file, by rule savings', () => {
  const html = renderHtml(sample());
  const fig = (id: string) => between(html, new RegExp(`<figure class="chart" id="${id}">`), '</figure>')[0] ?? '';
  const bars = (id: string) => (fig(id).match(/<rect class="bar /g) ?? []).length;
  assert.equal(bars('chart-prompts'), 11);
  assert.match(fig('chart-prompts'), /<rect class="bar cost other"/);
  assert.match(fig('chart-prompts'), /<title>Other \(2 prompts\): \$107\/month \(1\.5%\)<\/title>/);
  assert.equal(bars('chart-files'), 7);
  assert.match(fig('chart-files'), /<title>src\/agents\/summarize\.py: \$3,121\/month \(44%\), 3 prompts<\/title>/);
  assert.equal(bars('chart-rules'), 8);
  assert.match(fig('chart-rules'), /<text class="label"[^>]*>unbounded-variable<\/text><rect class="bar save"/);
  for (const id of ['chart-prompts', 'chart-files', 'chart-rules']) assert.match(fig(id), /<svg class="bars" viewBox="0 0 \d+ \d+"[^>]* role="img" aria-labelledby=/);
  assert.equal(truncateMiddle('prompts/support/triage.prompty', 21), '…/triage.prompty');
  assert.equal(truncateMiddle('src/agents/summarize.py', 21), 'src/…/summarize.py');
});

test('html: the prompts table is sortable by buttons in th, starting at Monthly $ descending', () => {
  const r = sample();
  const html = renderHtml(r);
  const head = between(html, /<table id="prompts"[^>]*><thead>/, '</thead>')[0]!;
  const keys = [...head.matchAll(/<button type="button" data-key="([^"]+)">([^<]+)<\/button>/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(keys, ['name:Prompt', 'file:Location', 'model:Model', 'tokens:Tokens', 'requestsPerDay:Requests/day', 'perRequestUSD:$/request', 'monthlyUSD:Monthly $', 'findings:Findings', 'savings:Savings/mo']);
  assert.equal((head.match(/aria-sort=/g) ?? []).length, 1);
  assert.match(head, /<th scope="col" class="n" aria-sort="descending"><button type="button" data-key="monthlyUSD">/);
  const order = [...html.matchAll(/<tr data-i="(\d+)">/g)].map((m) => r.prompts[Number(m[1])]!.monthlyUSD);
  assert.equal(order.length, 12);
  assert.deepEqual(order, [...order].sort((a, b) => b - a));
  assert.match(html, /<p id="sort-status" class="vh" aria-live="polite"><\/p>/);
});

test('html: findings listed by savings with severity, location and message', () => {
  const html = renderHtml(sample());
  const rows = between(html, /<table id="findings">[\s\S]*?<tbody>/, '</tbody>')[0]!.trim().split(/\n(?=<tr>)/);
  assert.equal(rows.length, 14);
  assert.match(rows[0]!, /^<tr><td class="n">\$750<\/td><td class="n">2,000<\/td><td class="rule"><code class="block">unbounded-variable<\/code><span class="sev warning">warning<\/span>/);
  assert.match(rows[4]!, /few-shot-bloat/);
  assert.match(rows[5]!, /pretty-json/);
  assert.match(rows[0]!, /src\/<wbr>agents\/<wbr>summarize\.py<wbr>#L52/);
});

test('html: the empty report has empty states, no table, no bars', () => {
  const html = renderHtml(emptyReport());
  assert.ok(!html.includes('<rect'));
  assert.match(html, /No prompts found in 37 files scanned\./);
  assert.match(html, /<p class="empty">No savings found\.<\/p>/);
  assert.match(html, /<p class="empty">No findings\.<\/p>/);
  assert.deepEqual(JSON.parse(dataBlock(html)).prompts, []);
});
