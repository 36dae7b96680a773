/**
 * The inline stylesheet and script of the HTML report. Both are constant (the report's data travels in a
 * `<script type="application/json">` block), so the page's CSP can pin them by hash.
 *
 * SCRIPT is browser code kept as a string: the core never runs it. It receives the document as a parameter.
 */

export const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--border:#d1d9e0;--accent:#0969da;
--cost:#0969da;--save:#1a7f37;--other:#8c959f;--bad:#cf222e;--good:#1a7f37;--warn:#9a6700;--info:#0969da;--row:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#151b23;--border:#3d444d;
--accent:#4493f8;--cost:#4493f8;--save:#3fb950;--other:#656c76;--bad:#f85149;--good:#3fb950;--warn:#d29922;--info:#4493f8;--row:#151b23}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px}
.sub,.muted{color:var(--muted)}.sub{margin:0 0 20px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:12px 14px}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums;margin-top:2px}
.card .d{color:var(--muted);font-size:12px}
.card.save .v{color:var(--save)}.card.bad{border-color:var(--bad)}.card.bad .v{color:var(--bad)}.card.good .v{color:var(--good)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px}
.chart{margin:0;background:var(--card);border:1px solid var(--border);border-radius:8px;padding:12px}
.chart figcaption{font-weight:600;margin-bottom:6px}
.bars{display:block;font-size:12px;max-width:480px}.bars .label{fill:var(--fg)}.bars .value{fill:var(--muted);font-variant-numeric:tabular-nums}
.bar.cost{fill:var(--cost)}.bar.save{fill:var(--save)}.bar.other{fill:var(--other)}.bars .row:hover .bar{opacity:.8}
.scroll{overflow-x:auto;border:1px solid var(--border);border-radius:8px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 10px;text-align:left;vertical-align:top;border-bottom:1px solid var(--border)}
tbody tr:last-child td{border-bottom:0}tbody tr:nth-child(even){background:var(--row)}
th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap;background:var(--card)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.loc{overflow-wrap:break-word;min-width:200px}td.rule,td.nw{white-space:nowrap}td.rule .sev{margin-top:2px}td.msg{min-width:280px;white-space:pre-line}
th button{all:unset;cursor:pointer;color:inherit;border-radius:4px;padding:2px 4px;margin:-2px -4px}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
th button::after{content:"\\2195";content:"\\2195"/"";opacity:.35;margin-left:4px}
th[aria-sort=ascending] button::after{content:"\\25B2";content:"\\25B2"/"";opacity:1}th[aria-sort=descending] button::after{content:"\\25BC";content:"\\25BC"/"";opacity:1}
th[aria-sort] button{color:var(--fg)}
.kind,.block{display:block}.kind{color:var(--muted);font-size:12px}
.sev{display:inline-block;border:1px solid currentColor;border-radius:10px;padding:0 7px;font-size:11px;line-height:17px}
.sev.error{color:var(--bad)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}.sev.hint{color:var(--muted)}
.empty{color:var(--muted);margin:8px 0}
ul.skipped{margin:0;padding-left:20px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export const SCRIPT = `
(function (doc) {
  'use strict';
  var data = doc.getElementById('report-data');
  var table = doc.getElementById('prompts');
  var status = doc.getElementById('sort-status');
  if (!data || !table || !table.tBodies.length) return;
  var prompts = (JSON.parse(data.textContent || '{}').prompts) || [];
  var body = table.tBodies[0];
  var TEXT = { name: 1, file: 1, model: 1 };
  function num(x) { x = +x; return isFinite(x) ? x : 0; }
  function savings(p) {
    var s = 0;
    (p.findings || []).forEach(function (f) { s += num(f.savingsMonthlyUSD); });
    return Math.min(s, Math.max(0, num(p.monthlyUSD)));
  }
  function value(p, key) {
    if (!p) return 0;
    switch (key) {
      case 'name': case 'model': return String(p[key] || '').toLowerCase();
      case 'file': return String(p.file || '') + '\\u0000' + ('0000000000' + num(p.startLine)).slice(-10);
      case 'findings': return (p.findings || []).length;
      case 'savings': return savings(p);
      default: return num(p[key]);
    }
  }
  function sortRows(key, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (ra, rb) {
      var ia = +ra.getAttribute('data-i'), ib = +rb.getAttribute('data-i');
      var a = value(prompts[ia], key), b = value(prompts[ib], key);
      var c = a < b ? -1 : a > b ? 1 : 0;
      return (dir === 'ascending' ? c : -c) || ia - ib;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  var heads = table.querySelectorAll('thead th');
  Array.prototype.forEach.call(table.querySelectorAll('thead button[data-key]'), function (btn) {
    btn.addEventListener('click', function () {
      var th = btn.parentNode, key = btn.getAttribute('data-key'), cur = th.getAttribute('aria-sort');
      var dir = cur === 'descending' ? 'ascending' : cur === 'ascending' ? 'descending' : TEXT[key] ? 'ascending' : 'descending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      sortRows(key, dir);
      if (status) status.textContent = 'Sorted by ' + btn.textContent + ', ' + dir;
    });
  });
})(document);
`;
