/** Estimated fill sizes of a prompt's template variables and the prompt's input tokens with them. */
import { minimatch } from 'minimatch';
import type { Settings } from '../config/schema';
import { DEFAULT_OTHER_TOKENS, defaultVariableTokens, LOOP_FACTOR, SCALAR_TOKENS } from './defaults';
import { isRendered } from './find';
import type { EstimatedVariable, EstimateSource, InlineAnnotation, TemplateSlot } from './types';

export interface EstimateOptions {
  /** Only `variables` and `overrides` are read. */
  settings?: Pick<Settings, 'variables' | 'overrides'>;
  /** Posix path of the prompt's file relative to the workspace root, for `overrides[].glob`. */
  path?: string;
  inline?: InlineAnnotation;
  /** Renders assumed inside loops; default: the inline `loop=N`, else LOOP_FACTOR (3). */
  loopFactor?: number;
}

function lookup(table: Readonly<Record<string, number>> | undefined, name: string, path: string): number | undefined {
  if (!table) return undefined;
  for (const k of [path, name]) if (Object.prototype.hasOwnProperty.call(table, k) && Number.isFinite(table[k])) return table[k];
  const lower = name.toLowerCase();
  for (const k of Object.keys(table)) if (k.toLowerCase() === lower && Number.isFinite(table[k])) return table[k];
  return undefined;
}

/** Variables of the last `overrides[]` entry whose glob matches `path` and that sizes `name`. */
function globValue(settings: EstimateOptions['settings'], path: string | undefined, name: string, p: string): number | undefined {
  if (!settings?.overrides?.length || path === undefined) return undefined;
  const rel = path.replace(/\\/g, '/').replace(/^\.\//, '');
  let v: number | undefined;
  for (const o of settings.overrides) {
    if (!o.variables) continue;
    let match = false;
    try {
      match = minimatch(rel, o.glob, { dot: true, matchBase: !o.glob.includes('/') });
    } catch {
      match = false;
    }
    if (!match) continue;
    const x = lookup(o.variables, name, p);
    if (x !== undefined) v = x;
  }
  return v;
}

/**
 * One entry per distinct rendered variable (loop collections and partials included; conditions, locals, helpers and
 * comments excluded), in order of first appearance. Size of one render, most specific first: the inline annotation,
 * the last matching `overrides[].variables` glob, `settings.variables`, the name table (DEFAULT_VARIABLE_TOKENS; a
 * visible item bound such as `history[-6:]` caps it at items × tokens per item), else 50 (a loop collection:
 * 50 × loop factor). A scalar expression
 * (`| length`, `len(x)`) is SCALAR_TOKENS. Every rendered occurrence counts; occurrences inside a loop count
 * `loopFactor` times (explicit sizes too: they size one render).
 */
export function estimateVariables(slots: readonly TemplateSlot[], opts: EstimateOptions = {}): EstimatedVariable[] {
  const loopFactor = Math.max(0, opts.loopFactor ?? opts.inline?.loopFactor ?? LOOP_FACTOR);
  const groups = new Map<string, TemplateSlot[]>();
  for (const s of slots) {
    if (!isRendered(s) || !s.name) continue;
    const g = groups.get(s.name);
    if (g) g.push(s);
    else groups.set(s.name, [s]);
  }
  const out: EstimatedVariable[] = [];
  for (const [name, occ] of groups) {
    const path = occ[0].path;
    let size: number | undefined;
    let source: EstimateSource;
    const def = defaultVariableTokens(name);
    if ((size = lookup(opts.inline?.variables, name, path)) !== undefined) source = 'inline';
    else if ((size = globValue(opts.settings, opts.path, name, path)) !== undefined) source = 'glob';
    else if ((size = lookup(opts.settings?.variables, name, path)) !== undefined) source = 'settings';
    else {
      size = def.tokens;
      source = def.category ? 'name-default' : 'default';
    }
    // a loop over an unknown collection: a default item size per assumed iteration
    if (source === 'default' && occ[0].kind === 'iterable') size = DEFAULT_OTHER_TOKENS * loopFactor;
    let total = 0;
    let perRender = size;
    occ.forEach((s, k) => {
      let one = size!;
      if (s.scalar) one = SCALAR_TOKENS;
      else if (source === 'name-default' && s.boundCount !== undefined && def.category?.perItem) one = Math.min(size!, s.boundCount * def.category.perItem);
      if (k === 0) perRender = one;
      total += one * (s.inLoop ? loopFactor : 1);
    });
    out.push({
      name, estimatedTokens: Math.round(total), tokensPerRender: Math.round(perRender), source,
      bounded: occ.every((s) => s.bounded), inLoop: occ.some((s) => s.inLoop), occurrences: occ.length, loopFactor,
      ...(def.category ? { category: def.category.id } : {}), slots: occ,
    });
  }
  return out;
}

/** Input tokens of one request: the exactly counted static text plus every variable's estimate. */
export function promptInputTokens(staticTokens: number, vars: readonly Pick<EstimatedVariable, 'estimatedTokens'>[]): number {
  let t = Number.isFinite(staticTokens) ? Math.max(0, staticTokens) : 0;
  for (const v of vars) if (Number.isFinite(v.estimatedTokens)) t += Math.max(0, v.estimatedTokens);
  return t;
}
