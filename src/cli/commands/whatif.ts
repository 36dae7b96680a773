import { promises as fsp } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { analyzeDocument, AnalyzedPrompt } from '../../core/audit/analyze';
import type { Settings } from '../../core/config/schema';
import { isCandidateFile } from '../../core/discovery/index';
import { formatInt, formatRate, formatUSD } from '../../core/format/numbers';
import { CATALOG_SOURCE, loadCatalog } from '../../core/pricing/catalog';
import { buildScenario } from '../../core/whatif/build';
import { DEFAULT_LEVERS, LEVER_ORDER, LEVER_TITLES, LeverSettings, leverSettingsSchema } from '../../core/whatif/levers';
import { leverSettingText, scenarioMarkdown, selectionSubtitle, trimSummary } from '../../core/whatif/markdown';
import type { Money } from '../../core/whatif/scenario';
import { num, parse, str } from '../args';
import { walkAndScan } from '../audit/pool';
import { loadConfig } from '../config';
import { CliIO, EXIT_OK, UsageError } from '../io';
import { table } from '../table';

export const WHATIF_HELP = `Usage: prompt-cost whatif [FILE|DIR] [options]

What the levers save on the prompts of FILE, or of every file in DIR (default: .): each lever alone against today's
monthly cost, and the levers you turn on combined in this order: trim -> routing -> prompt caching -> response cache
-> batch. Self-hosting is compared with the combined API cost. The numbers are the Prompt Cost panel's.

Options:
  --model M                 default model (a prompt may name its own)
  --requests-per-day N      default traffic per prompt (30k and 1.5M are accepted)
  --prompt N                FILE only: just its N-th prompt (0-based)
  --trim                    apply the token savings of the waste findings
  --route-to M2             send a share of the traffic to model M2 (provider:model for a reseller)
  --route-pct P             that share in percent (default 100)
  --response-cache-pct P    share of requests answered from your own response cache
  --cache-mode exact|semantic   (default exact) semantic pays a lookup on every request
  --lookup-usd X            semantic lookup cost per request in USD (default 0.00002)
  --prompt-cache-pct P      provider prompt-cache hit rate on the static prefix
  --ttl 5m|1h               prompt-cache lifetime: 1h prices writes at the 1-hour rate where there is one (default 5m)
  --batch-pct P             share of the traffic that can wait for the batch API
  --gpu-usd-hour X          self-hosting: GPU price per hour
  --gpus N                  number of GPUs (default 1)
  --gpu-utilization P       share of the month the GPUs run (default 100 = 720 h)
  --config FILE             .promptcost.json to use
  --json | --markdown       one JSON object | the panel's "Copy as Markdown"

A lever is on when its flag is given. Exit codes: 0 ok, 2 usage or config error.
`;

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function leversFrom(values: Record<string, unknown>): LeverSettings {
  const pct = (name: string) => num(values, name, { min: 0, max: 100 });
  const routePct = pct('route-pct');
  const routeTo = str(values, 'route-to');
  if (routePct !== undefined && !routeTo) throw new UsageError('--route-pct needs --route-to');
  const rc = pct('response-cache-pct');
  const mode = str(values, 'cache-mode');
  if (mode !== undefined && mode !== 'exact' && mode !== 'semantic') throw new UsageError(`--cache-mode must be exact or semantic, got '${mode}'`);
  const lookup = num(values, 'lookup-usd', { min: 0, max: 1e9 });
  if ((mode !== undefined || lookup !== undefined) && rc === undefined) throw new UsageError('--cache-mode and --lookup-usd need --response-cache-pct');
  const pc = pct('prompt-cache-pct');
  const ttl = str(values, 'ttl');
  if (ttl !== undefined && ttl !== '5m' && ttl !== '1h') throw new UsageError(`--ttl must be 5m or 1h, got '${ttl}'`);
  if (ttl !== undefined && pc === undefined) throw new UsageError('--ttl needs --prompt-cache-pct');
  const batch = pct('batch-pct');
  const gpuUSD = num(values, 'gpu-usd-hour', { min: 0, max: 1e9 });
  const gpus = num(values, 'gpus', { min: 0, max: 100_000, integer: true });
  const util = pct('gpu-utilization');
  if ((gpus !== undefined || util !== undefined) && gpuUSD === undefined) throw new UsageError('--gpus and --gpu-utilization need --gpu-usd-hour');
  const d = DEFAULT_LEVERS;
  return leverSettingsSchema.parse({
    trim: { on: values.trim === true },
    routing: { on: routeTo !== undefined, target: routeTo ?? '', sharePct: routePct ?? (routeTo ? 100 : d.routing.sharePct) },
    promptCache: { on: pc !== undefined, hitRatePct: pc ?? d.promptCache.hitRatePct, ttl: (ttl as '5m' | '1h' | undefined) ?? d.promptCache.ttl },
    responseCache: { on: rc !== undefined, hitRatePct: rc ?? d.responseCache.hitRatePct, mode: (mode as 'exact' | 'semantic' | undefined) ?? d.responseCache.mode, lookupUSDPerRequest: lookup ?? d.responseCache.lookupUSDPerRequest },
    batch: { on: batch !== undefined, sharePct: batch ?? d.batch.sharePct },
    selfHost: { on: gpuUSD !== undefined, gpuHourlyUSD: gpuUSD ?? d.selfHost.gpuHourlyUSD, gpuCount: gpus ?? d.selfHost.gpuCount, utilizationPct: util ?? d.selfHost.utilizationPct },
  });
}

/** The prompts of one file, or of every candidate file under a folder (as `audit` finds them), analysed. */
async function analyse(io: CliIO, target: string, settings: Settings, isDir: boolean): Promise<AnalyzedPrompt[][]> {
  const catalog = await loadCatalog();
  if (!isDir) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(target);
    } catch (e) {
      throw new UsageError(`cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const rel = toPosix(relative(io.cwd, target)) || target;
    return [await analyzeDocument(rel, new TextDecoder().decode(bytes), { settings, catalog })];
  }
  const { scanned } = await walkAndScan(target, { isCandidate: isCandidateFile, include: settings.include, exclude: settings.exclude });
  const files = scanned.flatMap((r) => ('prompts' in r && r.prompts.length && r.text !== undefined ? [{ rel: r.rel, text: r.text, prompts: r.prompts }] : []));
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const workspacePrompts = files.flatMap((f) => f.prompts.map((prompt) => ({ path: f.rel, prompt })));
  const docs: AnalyzedPrompt[][] = [];
  for (const f of files) docs.push(await analyzeDocument(f.rel, f.text, { settings, catalog, workspacePrompts, prompts: f.prompts }));
  return docs;
}

const moneyCell = (m: Money): string =>
  `${formatUSD(m.beforeMonthlyUSD)} -> ${formatUSD(m.afterMonthlyUSD)}` + (m.savingUSD === 0 ? ' (no change)' : ` (${m.savingUSD > 0 ? 'saves' : 'costs'} ${formatUSD(Math.abs(m.savingUSD))}${m.savingUSD > 0 ? '' : ' more'})`);

export async function whatifCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' }, 'requests-per-day': { type: 'string' }, prompt: { type: 'string' }, trim: { type: 'boolean' },
    'route-to': { type: 'string' }, 'route-pct': { type: 'string' }, 'response-cache-pct': { type: 'string' }, 'cache-mode': { type: 'string' },
    'lookup-usd': { type: 'string' }, 'prompt-cache-pct': { type: 'string' }, ttl: { type: 'string' }, 'batch-pct': { type: 'string' },
    'gpu-usd-hour': { type: 'string' }, gpus: { type: 'string' }, 'gpu-utilization': { type: 'string' }, config: { type: 'string' },
    json: { type: 'boolean' }, markdown: { type: 'boolean' },
  }, true);
  if (values.help) {
    io.out(WHATIF_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`whatif takes one FILE or DIR, got ${positionals.length}`);
  if (values.json && values.markdown) throw new UsageError('--json and --markdown cannot be combined');
  const levers = leversFrom(values);
  const target = resolve(io.cwd, positionals[0] ?? '.');
  const isDir = (await fsp.stat(target).catch(() => undefined))?.isDirectory() ?? false;
  if (!isDir && !io.exists(target)) throw new UsageError(`${positionals[0] ?? '.'}: no such file or folder`);
  const promptIndex = num(values, 'prompt', { min: 0, integer: true });
  if (promptIndex !== undefined && isDir) throw new UsageError('--prompt needs a FILE, not a folder');
  const rpd = num(values, 'requests-per-day', { min: 0 });
  const cfg = await loadConfig(isDir ? { ...io, cwd: target } : io, str(values, 'config') ? resolve(io.cwd, str(values, 'config')!) : undefined);
  const settings: Settings = { ...cfg.settings, ...(str(values, 'model') ? { model: str(values, 'model')! } : {}), ...(rpd !== undefined ? { requestsPerDay: rpd } : {}) };
  const catalog = await loadCatalog();
  catalog.resolve(settings.model, settings); // an unknown default model is a usage error, before any work

  const docs = await analyse(io, target, settings, isDir);
  if (promptIndex !== undefined && promptIndex >= (docs[0]?.length ?? 0)) throw new UsageError(`--prompt ${promptIndex}: the file has ${docs[0]?.length ?? 0} prompt(s)`);
  const built = buildScenario({ docs, promptIndex, levers, catalog, resolve: settings });
  if (built.routeError) throw new UsageError(`--route-to: ${built.routeError}`);
  const r = built.result;
  const shown = toPosix(relative(io.cwd, target)) || '.';
  const title = promptIndex !== undefined ? `${shown} › ${built.items[0]?.name ?? built.unpriced[0]?.name ?? `prompt ${promptIndex}`}` : shown;
  const subtitle = selectionSubtitle(built.items, CATALOG_SOURCE.date);
  const meta = { title, subtitle, routeTargetLabel: built.routeTarget?.model.label, trim: trimSummary(built.items) };
  for (const u of built.unpriced) io.err(`warning: ${u.path}: ${u.name}: not priced: ${u.error}\n`);

  if (values.json) {
    io.out(JSON.stringify({
      version: 1, target: { kind: isDir ? 'dir' : promptIndex !== undefined ? 'prompt' : 'file', path: shown, ...(promptIndex !== undefined ? { promptIndex } : {}) },
      model: settings.model, requestsPerDay: settings.requestsPerDay, daysPerMonth: settings.daysPerMonth, pricesAsOf: CATALOG_SOURCE.date,
      order: LEVER_ORDER, levers: built.levers, routeTarget: built.routeTarget ? { value: built.routeTarget.value, model: built.routeTarget.model.id, label: built.routeTarget.model.label } : null,
      result: r, unpriced: built.unpriced,
    }, null, 2) + '\n');
    return EXIT_OK;
  }
  if (values.markdown) {
    io.out(scenarioMarkdown(r, built.levers, meta));
    return EXIT_OK;
  }
  const b = r.baseline.monthly;
  io.out(`${title}: ${subtitle}\n\n`);
  io.out(`Today: ${formatUSD(r.baseline.monthlyUSD)}/month (${formatUSD(r.baseline.perRequestUSD)}/request at ${formatRate(r.requestsPerDay)}/day): ` +
    `input static ${formatUSD(b.inputStaticUSD)}, input variables ${formatUSD(b.inputVariablesUSD)}, output ${formatUSD(b.outputUSD)}\n\n`);
  const rows = r.levers.filter((o) => o.on).map((o) => [
    LEVER_TITLES[o.id], leverSettingText(o.id, built.levers, meta),
    o.appliesTo === 0 ? `cannot apply: ${o.reason ?? ''}` : moneyCell(o.alone),
    o.step ? moneyCell(o.step) : 'off',
  ]);
  if (rows.length) io.out(table(['Lever', 'Setting', 'Alone ($/month)', 'Combined step'], rows));
  for (const o of r.levers) if (o.on && o.appliesTo > 0 && o.reason) io.out(`  ${LEVER_TITLES[o.id]}: ${o.reason}\n`);
  io.out(r.combined.levers.length
    ? `\nCombined: ${formatUSD(r.combined.beforeMonthlyUSD)} -> ${formatUSD(r.combined.afterMonthlyUSD)}/month, saves ${formatUSD(r.combined.savingUSD)} (${r.combined.savingPct.toFixed(1)}%)\n`
    : '\nCombined: no lever is on (give --trim, --route-to, --prompt-cache-pct, --response-cache-pct or --batch-pct)\n');
  if (r.selfHost.on) {
    const c = r.selfHost.combined;
    io.out(`Self-hosting: ${formatUSD(r.selfHost.gpuMonthlyUSD)}/month for ${built.levers.selfHost.gpuCount} GPU x ${formatInt(r.selfHost.hoursPerMonth)} h vs ${formatUSD(c.beforeMonthlyUSD)} on the API; ` +
      `break-even at ${c.breakEvenRequestsPerDay === null ? 'never' : `${formatRate(c.breakEvenRequestsPerDay)} requests/day`}\n`);
  }
  return EXIT_OK;
}
