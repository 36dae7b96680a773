import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSV_COLUMNS, GITHUB_COMMENT_LIMIT, REPORT_FORMATS, renderCsv, renderHtml, renderJson, renderMarkdown, renderReport, renderSarif } from '../../src/core/audit/render';
import { bigReport, emptyReport, gfmCells, gfmTables, parseCsv, sample } from './render.helpers';

// ---- dispatch ----

test('renderReport dispatches every format and rejects an unknown one', () => {
  const r = sample();
  const direct = { json: renderJson, md: renderMarkdown, html: renderHtml, csv: renderCsv, sarif: renderSarif } as const;
  for (const f of REPORT_FORMATS) assert.equal(renderReport(r, f), direct[f](r), f);
  assert.throws(() => renderReport(r, 'pdf' as never), /unknown report format: pdf/);
});

test('the renderers do not change the report', () => {
  const r = sample();
  const before = JSON.stringify(r);
  for (const f of REPORT_FORMATS) renderReport(r, f);
  assert.equal(JSON.stringify(r), before);
});

// ---- JSON ----

test('json: types.ts key order, 2-space indent, trailing newline, same data', () => {
  const r = sample();
  const out = renderJson(r);
  assert.ok(out.endsWith('}\n') && !out.endsWith('\n\n'));
  assert.ok(out.startsWith('{\n  "version": 1,\n  "tool": {\n    "name": "prompt-cost-lens",'));
  const back = JSON.parse(out);
  assert.deepEqual(back, r);
  assert.deepEqual(Object.keys(back), ['version', 'tool', 'root', 'model', 'pricesAsOf', 'generatedAt', 'requestsPerDay', 'daysPerMonth', 'totals', 'prompts', 'skipped', 'budget']);
  assert.deepEqual(Object.keys(back.prompts[1]), [
    'file', 'startLine', 'endLine', 'kind', 'format', 'name', 'tokens', 'staticTokens', 'exact', 'model', 'requestsPerDay',
    'outputTokens', 'variables', 'perRequestUSD', 'monthlyUSD', 'frequency', 'confidence', 'findings',
  ]);
  assert.deepEqual(Object.keys(back.prompts[0].findings[0]), ['rule', 'severity', 'message', 'startLine', 'endLine', 'savingsTokens', 'savingsMonthlyUSD']);
});

test('json: the output does not depend on the key order of the input; unknown keys follow, sorted', () => {
  const r = sample();
  const reversed = (o: unknown): unknown =>
    Array.isArray(o) ? o.map(reversed) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, reversed(v)])) : o;
  assert.equal(renderJson(reversed(r) as typeof r), renderJson(r));
  const extra = { ...r, zeta: 1, alpha: { b: 2, a: 1 } } as typeof r;
  const keys = Object.keys(JSON.parse(renderJson(extra)));
  assert.deepEqual(keys.slice(-2), ['alpha', 'zeta']);
  assert.match(renderJson(extra), /"alpha": \{\n {4}"a": 1,\n {4}"b": 2\n {2}\}/);
});

test('json: undefined optional keys are left out, non-finite numbers become null', () => {
  const r = sample();
  (r as { budget?: unknown }).budget = undefined;
  r.prompts[0]!.monthlyUSD = Number.NaN;
  const back = JSON.parse(renderJson(r));
  assert.equal('budget' in back, false);
  assert.equal(back.prompts[0].monthlyUSD, null);
});

// ---- Markdown ----

test('md: headline with $/month, prompts and savings; budget line', () => {
  const md = renderMarkdown(sample());
  const [h1, , summary, , budget] = md.split('\n');
  assert.equal(h1, '## Prompt Cost Lens: $7,175/month');
  assert.match(summary!, /^\*\*12 prompts\*\* in 7 files \(184 scanned\)/);
  assert.match(summary!, /\*\*\$1,766\/month savings available\*\* \(25%\) from 14 findings/);
  assert.match(budget!, /^❌ \*\*Over budget\*\*: total \$7,174\.62\/month is above the budget of \$5,000\/month$/);
});

test('md: top prompts by monthly cost with file#L links and a "… N more" row', () => {
  const md = renderMarkdown(sample());
  const top = gfmTables(md)[0]!;
  assert.deepEqual(gfmCells(top[0]!), ['#', 'Prompt', 'Location', 'Model', 'Tokens', '$/request', '$/month', 'Savings/month']);
  assert.equal(top.length, 2 + 10 + 1);
  assert.deepEqual(gfmCells(top[2]!), ['1', '`map_prompt`', '`src/agents/summarize.py#L41-L58`', '`gpt-4o`', '≈4,250', '$0.015', '$2,194', '$750']);
  assert.match(top[3]!, /`extractor\.system` \| `config\/prompts\.yaml#L42-L120`/);
  assert.equal(gfmCells(top.at(-1)!)[0], '… 2 more prompts');
  assert.match(md, /`buildToolPrompt\(tools, history\)`/);
});

test('md: findings sorted by savings, few-shot-bloat first on a tie', () => {
  const md = renderMarkdown(sample());
  const rows = gfmTables(md)[1]!.slice(2).map(gfmCells);
  assert.equal(rows.length, 14);
  assert.deepEqual(rows[0]!.slice(0, 3), ['`unbounded-variable`', 'warning', '`src/agents/summarize.py#L52`']);
  const usd = rows.map((c) => Number(c[5]!.replace(/[$,]/g, '')));
  assert.deepEqual(usd, [...usd].sort((a, b) => b - a));
  const tie = rows.filter((c) => c[5] === '$81.00').map((c) => c[0]);
  assert.deepEqual(tie, ['`few-shot-bloat`', '`pretty-json`']);
  // the pipe of a message is escaped, its newline folded
  assert.ok(rows.some((c) => c[3] === 'Filler "Please make sure to always" \\| say "Always" instead'));
  assert.ok(rows.some((c) => c[3]!.includes('adds 6 tokens and "In order to"')));
});

test('md: all prompts in a collapsed <details>, skipped files, prices date and model', () => {
  const md = renderMarkdown(sample());
  assert.match(md, /<details><summary>All 12 prompts<\/summary>\n\n\| Prompt \| Location \| Kind/);
  assert.equal(gfmTables(md)[2]!.length, 2 + 12);
  assert.match(md, /<details><summary>2 skipped files<\/summary>\n\n- `data\/eval\/transcripts\.jsonl`: larger than 1 MB \(4\.2 MB\)\n/);
  assert.match(md, /<sub>Prices as of 2025-05-28 · default model `gpt-4o-mini` · 1,000 requests\/day · 30 days\/month/);
  assert.ok(md.endsWith('</sub>\n'));
});

test('md: every table row has as many cells as its header, whatever the names hold', () => {
  const r = sample();
  r.prompts[0]!.name = 'a | b\nc `tick` \\| d';
  r.prompts[1]!.file = 'odd|dir/`x`.md';
  r.prompts[2]!.findings[0]!.message = 'pipe | backslash \\ newline\r\nand <details> & @team **bold**';
  const md = renderMarkdown(r);
  for (const t of gfmTables(md)) for (const row of t) assert.equal(gfmCells(row).length, gfmCells(t[0]!).length, row);
  assert.ok(!md.includes('<details> &'), 'raw HTML from a message');
  assert.match(md, /\\<details\\> \\& \\@team \\\*\\\*bold\\\*\\\*/);
});

test('md: a huge report stays under the GitHub comment limit and says what was cut', () => {
  const r = bigReport(3000);
  const md = renderMarkdown(r);
  assert.ok(md.length <= 65_000, `${md.length}`);
  assert.ok(GITHUB_COMMENT_LIMIT === 65_536);
  assert.ok(md.startsWith('## Prompt Cost Lens: $'));
  assert.match(md, /\| … [\d,]+ more prompts \|/);
  assert.match(md, /\| … [\d,]+ more findings \|/);
  assert.ok(md.includes('</details>') && md.includes('<sub>Prices as of'), 'the footer survives');
  for (const t of gfmTables(md)) for (const row of t) assert.equal(gfmCells(row).length, gfmCells(t[0]!).length);
  const small = renderMarkdown(r, { maxChars: 8000 });
  assert.ok(small.length <= 8000, `${small.length}`);
  assert.match(small, /Top prompts by monthly cost/);
});

// ---- CSV ----

test('csv: header, one row per prompt, CRLF, round trip through an RFC 4180 parser', () => {
  const r = sample();
  const csv = renderCsv(r);
  assert.ok(csv.endsWith('\r\n'));
  assert.equal(csv.split('\r\n')[0], CSV_COLUMNS.join(','));
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, 1 + r.prompts.length);
  rows.slice(1).forEach((row, i) => {
    const p = r.prompts[i]!;
    const o = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, row[j]]));
    assert.equal(o.file, p.file);
    assert.equal(o.name, p.name);
    assert.equal(Number(o.startLine), p.startLine);
    assert.equal(Number(o.tokens), p.tokens);
    assert.equal(o.exact, String(p.exact));
    assert.equal(Number(o.perRequestUSD), p.perRequestUSD);
    assert.equal(Number(o.monthlyUSD), p.monthlyUSD);
    assert.equal(o.findings!.split(';').filter(Boolean).length, p.findings.length);
  });
  assert.match(csv, /,"buildToolPrompt\(tools, history\)",/);
  assert.match(csv, /,0\.0000495,29\.7,,0\r\n/); // no exponent notation; no findings
  assert.match(csv, /,few-shot-bloat;pretty-json,162\r\n/); // few-shot-bloat first on a savings tie
});

test('csv: quotes, commas and line breaks survive; formula-like text is defused, numbers are not', () => {
  const r = sample();
  const p = r.prompts[0]!;
  p.name = '=HYPERLINK("http://x.invalid","click")';
  p.file = '+cmd|/C calc!A0.md';
  p.kind = '-2+3';
  p.format = '@SUM(A1)';
  p.model = 'multi\nline, "quoted"';
  p.startLine = -1; // numeric column: never prefixed
  const rows = parseCsv(renderCsv(r));
  const row = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, rows[1]![j]]));
  assert.equal(row.name, `'=HYPERLINK("http://x.invalid","click")`);
  assert.equal(row.file, `'+cmd|/C calc!A0.md`);
  assert.equal(row.kind, `'-2+3`);
  assert.equal(row.format, `'@SUM(A1)`);
  assert.equal(row.model, 'multi\nline, "quoted"');
  assert.equal(row.startLine, '-1');
  assert.equal(rows.length, 1 + r.prompts.length);
});

// ---- empty report ----

test('empty report: every format renders something sensible', () => {
  const r = emptyReport();
  const md = renderMarkdown(r);
  assert.match(md, /^## Prompt Cost Lens: \$0\/month\n\nNo prompts found in 37 files scanned\.\n/);
  assert.equal(gfmTables(md).length, 0);
  assert.equal(renderCsv(r), CSV_COLUMNS.join(',') + '\r\n');
  assert.deepEqual(JSON.parse(renderJson(r)).prompts, []);
  const sarif = JSON.parse(renderSarif(r));
  assert.deepEqual(sarif.runs[0].results, []);
  assert.ok(sarif.runs[0].tool.driver.rules.length >= 8);
  const html = renderHtml(r);
  assert.match(html, /No prompts found in 37 files scanned\./);
  assert.match(html, /<figure class="chart" id="chart-prompts"><figcaption>Monthly cost by prompt<\/figcaption><p class="empty">/);
  assert.ok(!html.includes('<table id="prompts"'));
});
