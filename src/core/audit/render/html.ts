/**
 * The report as one self-contained HTML page: totals cards, where the money goes (inline SVG bars by prompt, by file
 * and by rule savings), a sortable prompts table, findings, skipped files. No external resource; a CSP pins the inline
 * style and script by hash. Everything from the report is escaped; the report JSON is embedded with `<` as \u003c.
 */
import type { AuditReport, ReportPrompt } from '../types';
import { barChart } from './html-chart';
import { SCRIPT, STYLE } from './html-assets';
import { renderJson } from './json';
import { cspHash } from './sha256';
import {
  costByFile, escapeHtml as esc, findingsBySavings, formatInt, formatUSD, locationText, promptsByCost, promptSavingsUSD,
  savingsByRule, sharePct, topWithOther, type Slice,
} from './util';

/** The report JSON made safe inside `<script type="application/json">`: no `<`, `>`, `&`, U+2028/9 left raw. */
export function embedJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderHtml(r: AuditReport): string {
  const csp = [
    "default-src 'none'", `style-src ${cspHash(STYLE)}`, `script-src ${cspHash(SCRIPT)}`, "img-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');
  const title = `Prompt Cost Lens: ${formatUSD(r.totals.monthlyUSD)}/month`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Prompt Cost Lens</h1>
<p class="sub">${esc(r.root)} · default model <code>${esc(r.model)}</code> · prices as of ${esc(r.pricesAsOf)} · generated ${esc(r.generatedAt)}</p>
</header>
${cards(r)}
<h2>Where the money goes</h2>
<section class="charts">
${charts(r)}
</section>
<h2 id="prompts-h">Prompts</h2>
${promptsTable(r)}
<h2>Findings</h2>
${findingsTable(r)}
${skipped(r)}
<footer>Prices as of ${esc(r.pricesAsOf)} · ${formatInt(r.requestsPerDay)} requests/day unless a prompt says otherwise · ${formatInt(r.daysPerMonth)} days/month · ≈ marks estimated token counts · ${esc(r.tool.name)} ${esc(r.tool.version)}</footer>
</main>
<script type="application/json" id="report-data">${embedJson(renderJson(r).trimEnd())}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function card(k: string, v: string, d: string, cls = ''): string {
  return `<div class="card${cls ? ` ${cls}` : ''}"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div><div class="d">${esc(d)}</div></div>`;
}

function cards(r: AuditReport): string {
  const t = r.totals;
  const share = sharePct(t.savingsMonthlyUSD, t.monthlyUSD);
  const out = [
    card('Monthly cost', formatUSD(t.monthlyUSD), `${formatUSD(t.perRequestUSD)} per request of each prompt`),
    card('Savings available', `${formatUSD(t.savingsMonthlyUSD)}/mo`, `${share ? `${share} of the cost, ` : ''}${plural(t.findings, 'finding')}`, 'save'),
    card('Prompts', formatInt(t.prompts), `in ${plural(t.files, 'file')}, ${formatInt(t.filesScanned)} scanned`),
    card('Input tokens', formatInt(t.tokens), 'per request, all prompts'),
  ];
  if (r.budget) {
    const b = r.budget;
    const limit = b.maxMonthlyUSD !== undefined ? `limit ${formatUSD(b.maxMonthlyUSD)}/mo` : b.baselineMonthlyUSD !== undefined ? `baseline ${formatUSD(b.baselineMonthlyUSD)}/mo` : '';
    const why = b.reasons.length ? b.reasons.join('; ') : limit;
    out.push(card('Budget', b.ok ? 'Within' : 'Over', why, b.ok ? 'good' : 'bad'));
  }
  if (r.skipped.length) out.push(card('Skipped', formatInt(r.skipped.length), 'files not read (see below)'));
  return `<section class="cards">${out.join('')}</section>`;
}

function charts(r: AuditReport): string {
  const total = r.totals.monthlyUSD;
  const byPrompt: Slice[] = promptsByCost(r).map((p) => ({ label: p.name || p.file, value: p.monthlyUSD, detail: locationText(p.file, p.startLine, p.endLine) }));
  return [
    barChart({ id: 'chart-prompts', title: 'Monthly cost by prompt', total, tone: 'cost', empty: 'No prompts found.', middle: true, slices: topWithOther(byPrompt, 10, 'prompts') }),
    barChart({ id: 'chart-files', title: 'Monthly cost by file', total, tone: 'cost', empty: 'No prompts found.', middle: true, slices: topWithOther(costByFile(r), 10, 'files') }),
    barChart({ id: 'chart-rules', title: 'Monthly savings by rule', total, tone: 'save', empty: 'No savings found.', slices: savingsByRule(r) }),
  ].join('\n');
}

const COLUMNS: { key: string; label: string; num?: boolean }[] = [
  { key: 'name', label: 'Prompt' },
  { key: 'file', label: 'Location' },
  { key: 'model', label: 'Model' },
  { key: 'tokens', label: 'Tokens', num: true },
  { key: 'requestsPerDay', label: 'Requests/day', num: true },
  { key: 'perRequestUSD', label: '$/request', num: true },
  { key: 'monthlyUSD', label: 'Monthly $', num: true },
  { key: 'findings', label: 'Findings', num: true },
  { key: 'savings', label: 'Savings/mo', num: true },
];

function promptsTable(r: AuditReport): string {
  if (r.prompts.length === 0) return `<p class="empty">No prompts found in ${plural(r.totals.filesScanned, 'file')} scanned.</p>`;
  const index = new Map<ReportPrompt, number>(r.prompts.map((p, i) => [p, i]));
  const head = COLUMNS.map((c) => {
    const sort = c.key === 'monthlyUSD' ? ' aria-sort="descending"' : '';
    return `<th scope="col"${c.num ? ' class="n"' : ''}${sort}><button type="button" data-key="${c.key}">${esc(c.label)}</button></th>`;
  }).join('');
  const rows = promptsByCost(r).map((p) => {
    const kind = `${p.kind} · ${p.format}${p.frequency ? ` · ${p.frequency}` : ''}`;
    const savings = p.findings.length ? formatUSD(promptSavingsUSD(p)) : '—';
    return (
      `<tr data-i="${index.get(p)}"><td>${esc(p.name)}<span class="kind">${esc(kind)}</span></td>` +
      `<td class="loc"><code>${path(locationText(p.file, p.startLine, p.endLine))}</code></td><td class="nw"><code>${esc(p.model)}</code></td>` +
      `<td class="n" title="${p.exact ? 'exact' : 'estimated'}">${p.exact ? '' : '≈'}${formatInt(p.tokens)}</td><td class="n">${formatInt(p.requestsPerDay)}</td>` +
      `<td class="n">${formatUSD(p.perRequestUSD)}</td><td class="n">${formatUSD(p.monthlyUSD)}</td>` +
      `<td class="n">${p.findings.length}</td><td class="n">${savings}</td></tr>`
    );
  });
  return (
    `<p id="sort-status" class="vh" aria-live="polite"></p>` +
    `<div class="scroll"><table id="prompts" aria-labelledby="prompts-h"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`
  );
}

function findingsTable(r: AuditReport): string {
  const found = findingsBySavings(r);
  if (found.length === 0) return `<p class="empty">${r.prompts.length ? 'No waste found.' : 'No findings.'}</p>`;
  const rows = found.map(({ prompt, finding: f }) =>
    `<tr><td class="n">${formatUSD(f.savingsMonthlyUSD)}</td><td class="n">${formatInt(f.savingsTokens)}</td>` +
    `<td class="rule"><code class="block">${esc(f.rule)}</code><span class="sev ${esc(f.severity)}">${esc(f.severity)}</span></td>` +
    `<td class="loc"><code>${path(locationText(prompt.file, f.startLine, f.endLine))}</code><span class="kind">${esc(prompt.name)}</span></td>` +
    `<td class="msg">${esc(f.message)}</td></tr>`);
  return (
    `<div class="scroll"><table id="findings"><thead><tr><th scope="col" class="n">Savings/mo</th><th scope="col" class="n">Tokens/request</th>` +
    `<th scope="col">Rule</th><th scope="col">Location</th><th scope="col">Finding</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`
  );
}

function skipped(r: AuditReport): string {
  if (r.skipped.length === 0) return '';
  const items = r.skipped.map((s) => `<li><code>${esc(s.file)}</code>: ${esc(s.reason)}</li>`).join('');
  return `<h2>Skipped files</h2><ul class="skipped">${items}</ul>`;
}

/** An escaped path with line-break opportunities after each `/` and before `#`. */
function path(text: string): string {
  return text.split(/(?<=\/)|(?=#)/).map(esc).join('<wbr>');
}

function plural(n: number, noun: string): string {
  return `${formatInt(n)} ${noun}${n === 1 ? '' : 's'}`;
}
