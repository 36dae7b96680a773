import { promises as fsp } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { addWorkspaceFindings, analyzeDocument, AnalyzedPrompt } from '../../core/audit/analyze';
import { renderReport } from '../../core/audit/render/index';
import { AnalyzedFile, buildReport, checkBudget } from '../../core/audit/report';
import type { AuditReport } from '../../core/audit/types';
import type { Settings } from '../../core/config/schema';
import { isCandidateFile } from '../../core/discovery/index';
import type { DetectedPrompt } from '../../core/discovery/types';
import { formatUSD } from '../../core/format/numbers';
import { loadCatalog } from '../../core/pricing/catalog';
import { loadTokenizer, profileForModel } from '../../core/tokenizer/index';
import { num, parse, str } from '../args';
import { loadConfig } from '../config';
import { CliIO, EXIT_BUDGET, EXIT_OK, UsageError } from '../io';
import { walkAndScan } from '../audit/pool';

declare const __PCL_VERSION__: string;
const VERSION = typeof __PCL_VERSION__ === 'string' ? __PCL_VERSION__ : 'dev';

export const AUDIT_HELP = `Usage: prompt-cost audit [DIR] [options]

Finds every prompt in DIR (default: .), prices it with its template variables filled, and lists waste with the
money it costs. Respects .gitignore and default excludes; skips binary, huge and unreadable files with a reason.

Options:
  --format md|html|json|csv|sarif   report format (default: from --out's extension, else md)
  --out FILE                        write the report to FILE (the only file written); else print it
  --model M                         default model (prompts may name their own)
  --requests-per-day N              default traffic per prompt
  --config FILE                     .promptcost.json to use (default: DIR/.promptcost.json when present)
  --max-monthly-usd X               exit 1 when the workspace total is above X
  --baseline OLD.json               an earlier JSON report: exit 1 when the total grew by more than --max-growth-pct
  --max-growth-pct P                allowed growth over the baseline in percent (default 10, or budgets.maxGrowthPct)
  --workers N                       threads for reading and detection (default: cores, 0 = none)
  --quiet                           no progress or summary on stderr

Exit codes: 0 ok, 1 over budget or grown past the baseline, 2 usage or config error.
`;

const FORMATS = ['md', 'html', 'json', 'csv', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function formatFor(explicit: string | undefined, out: string | undefined): Format {
  if (explicit) {
    const f = explicit === 'markdown' ? 'md' : explicit;
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${explicit}'`);
    return f as Format;
  }
  const ext = out?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'markdown') return 'md';
  if (ext === 'htm') return 'html';
  return ext && (FORMATS as readonly string[]).includes(ext) ? (ext as Format) : 'md';
}

async function readBaseline(io: CliIO, path: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(await io.readFile(resolve(io.cwd, path))));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const r = raw as Partial<AuditReport>;
  if (r?.version !== 1 || typeof r.totals?.monthlyUSD !== 'number') throw new UsageError(`baseline ${path} is not a prompt-cost JSON report (version 1 with totals.monthlyUSD)`);
  return r.totals.monthlyUSD;
}

export async function auditCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' }, 'requests-per-day': { type: 'string' },
    config: { type: 'string' }, 'max-monthly-usd': { type: 'string' }, baseline: { type: 'string' }, 'max-growth-pct': { type: 'string' },
    workers: { type: 'string' }, quiet: { type: 'boolean' },
  }, true);
  if (values.help) {
    io.out(AUDIT_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`audit takes one DIR, got ${positionals.length}`);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const st = await fsp.stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new UsageError(`${root} is not a folder`);
  const out = str(values, 'out');
  const format = formatFor(str(values, 'format'), out);
  const rpd = num(values, 'requests-per-day', { min: 0 });
  const maxUSD = num(values, 'max-monthly-usd', { min: 0 });
  const growth = num(values, 'max-growth-pct', { min: 0 });
  const workers = num(values, 'workers', { min: 0, max: 64, integer: true });
  const baselinePath = str(values, 'baseline');
  const baseline = baselinePath ? await readBaseline(io, baselinePath) : undefined;
  const outAbs = out ? resolve(io.cwd, out) : undefined;
  if (outAbs && !(await fsp.stat(dirname(outAbs)).catch(() => undefined))?.isDirectory()) throw new UsageError(`cannot write ${out}: its folder does not exist`);

  const cfg = await loadConfig({ ...io, cwd: root }, str(values, 'config') ? resolve(io.cwd, str(values, 'config')!) : undefined);
  const settings: Settings = { ...cfg.settings, ...(str(values, 'model') ? { model: str(values, 'model')! } : {}), ...(rpd !== undefined ? { requestsPerDay: rpd } : {}) };
  const catalog = await loadCatalog();
  const model = catalog.resolve(settings.model, settings); // an unknown default model is a usage error, before any work

  const quiet = values.quiet === true;
  const progress = (s: string) => { if (!quiet && io.isTTY) io.err(`\r${s}\x1b[K`); };
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    // Files are priced as their results come in once the walk is over and the tokenizer loaded (this thread is mostly
    // idle while the workers scan), except for the rules that need every prompt of the workspace: those run at the end
    // (addWorkspaceFindings). Pricing after the scan took ~70 ms on one core while the other sat idle.
    type WithPrompts = { rel: string; text: string; prompts: DetectedPrompt[] };
    const early = new Map<string, Promise<AnalyzedPrompt[]>>();
    const waiting: WithPrompts[] = [];
    let pricing = false;
    const priceEarly = (f: WithPrompts): void => {
      const p = analyzeDocument(f.rel, f.text, { settings, catalog, prompts: f.prompts, workspaceRulesLater: true });
      p.catch(() => undefined); // awaited below, where a failure surfaces as before
      early.set(f.rel, p);
    };
    const { walked, scanned } = await walkAndScan(
      root,
      { isCandidate: isCandidateFile, include: settings.include, exclude: settings.exclude, signal: abort.signal },
      {
        signal: abort.signal, workers, onProgress: (d, t, walking) => progress(`scanning ${d}/${t}${walking ? '+' : ''} files`),
        // pricing needs the default model's encoding: it loads while the workers scan (this thread mostly waits then)
        afterWalk: () => void loadTokenizer(profileForModel(model.id, model.provider).encoding).catch(() => undefined).then(() => {
          pricing = true;
          for (const f of waiting.splice(0)) priceEarly(f);
        }),
        onResult: (r) => {
          if (!('prompts' in r) || r.prompts.length === 0 || r.text === undefined) return;
          const f = { rel: r.rel, text: r.text, prompts: r.prompts };
          if (pricing) priceEarly(f);
          else waiting.push(f);
        },
      },
    );
    if (abort.signal.aborted) {
      io.err('\naudit cancelled\n');
      return 130;
    }
    const skipped = [...walked.skipped];
    const withPrompts: WithPrompts[] = [];
    for (const r of scanned) {
      if ('skipped' in r) skipped.push({ file: r.rel, reason: r.skipped });
      else if (r.prompts.length && r.text !== undefined) withPrompts.push({ rel: r.rel, text: r.text, prompts: r.prompts });
    }
    const workspacePrompts = withPrompts.flatMap((f) => f.prompts.map((prompt) => ({ path: f.rel, prompt })));
    const files: AnalyzedFile[] = [];
    let i = 0;
    for (const f of withPrompts) {
      progress(`pricing ${++i}/${withPrompts.length} files with prompts`);
      const priced = early.get(f.rel);
      const prompts: AnalyzedPrompt[] = priced
        ? (await priced).map((a) => addWorkspaceFindings(a, workspacePrompts))
        : await analyzeDocument(f.rel, f.text, { settings, catalog, workspacePrompts, prompts: f.prompts });
      files.push({ path: f.rel, text: f.text, prompts });
    }
    progress('');
    if (!quiet && io.isTTY) io.err('\r\x1b[K');
    let report = buildReport({
      root, model: settings.model, requestsPerDay: settings.requestsPerDay, daysPerMonth: settings.daysPerMonth, files, skipped,
      filesScanned: walked.seen, toolVersion: VERSION,
    });
    const budgetMax = maxUSD ?? settings.budgets.maxMonthlyUSD;
    if (budgetMax !== undefined || baseline !== undefined) {
      report = { ...report, budget: checkBudget(report, { maxMonthlyUSD: budgetMax, baselineMonthlyUSD: baseline, maxGrowthPct: growth ?? settings.budgets.maxGrowthPct }) };
    }
    const text = renderReport(report, format);
    if (outAbs) {
      await fsp.writeFile(outAbs, text);
    } else {
      io.out(text.endsWith('\n') ? text : text + '\n');
    }
    if (!quiet) {
      const unpriced = report.prompts.filter((p) => p.error);
      for (const p of unpriced) io.err(`warning: ${p.file}:${p.startLine}: not priced: ${p.error}\n`);
      io.err(`${report.totals.prompts} prompts in ${report.totals.files} files (${walked.seen} files seen, ${skipped.length} skipped): ${formatUSD(report.totals.monthlyUSD)}/month, ${formatUSD(report.totals.savingsMonthlyUSD)}/month of waste found${outAbs ? ` · ${format} report: ${relative(io.cwd, outAbs) || outAbs}` : ''}\n`);
      for (const r of report.budget?.reasons ?? []) io.err(`budget: ${r}\n`);
    }
    return report.budget && !report.budget.ok ? EXIT_BUDGET : EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
