import type { z } from 'zod';
import { DEFAULT_SETTINGS, SettingKey, Settings, settingsShape } from './schema';

export interface ConfigProblem {
  /** Where: a file name or 'settings'. */
  readonly source: string;
  /** The key, dotted for nested values (e.g. `overheads.retryPct`). */
  readonly key: string;
  readonly message: string;
}

export interface ParsedSettings {
  readonly settings: Settings;
  readonly problems: readonly ConfigProblem[];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/**
 * Validates each key on its own: a bad value is reported (naming the key and what was expected) and replaced by
 * that key's default; every other key keeps its value. Unknown keys are reported and ignored. Never throws.
 */
export function parseSettings(raw: unknown, source = 'settings', base: Settings = DEFAULT_SETTINGS): ParsedSettings {
  const problems: ConfigProblem[] = [];
  const out: Record<string, unknown> = { ...base };
  if (raw === undefined || raw === null) return { settings: base, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: base, problems: [{ source, key: '(root)', message: 'expected an object of settings' }] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (!Object.prototype.hasOwnProperty.call(settingsShape, key)) {
      problems.push({ source, key, message: `unknown setting (known: ${Object.keys(settingsShape).join(', ')})` });
      continue;
    }
    if (value === undefined || value === null) continue;
    const field = settingsShape[key as SettingKey];
    const shape = objectShape(field);
    if (shape && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = parseNested(key, value as Record<string, unknown>, shape, (base as Record<string, unknown>)[key] as Record<string, unknown>, source, problems);
      continue;
    }
    const r = field.safeParse(value);
    if (r.success) {
      out[key] = r.data;
    } else {
      for (const issue of r.error.issues) {
        const path = [key, ...issue.path.map(String)].join('.');
        problems.push({ source, key: path, message: `${describeIssue(issue)}; using the default (${JSON.stringify(base[key as SettingKey])})` });
      }
    }
  }
  return { settings: out as Settings, problems };
}

type AnySchema = z.ZodType;

/** The shape of an object schema (through `.default()` / `.describe()` wrappers), or undefined. */
function objectShape(field: AnySchema): Record<string, AnySchema> | undefined {
  let f: unknown = field;
  for (let i = 0; i < 4 && f; i++) {
    const def = (f as { def?: { type?: string; innerType?: unknown; shape?: Record<string, AnySchema> } }).def;
    if (!def) return undefined;
    if (def.type === 'object') return def.shape;
    f = def.innerType;
  }
  return undefined;
}

/** One level of nested keys (overheads.retryPct …): each sub-key validated on its own. */
function parseNested(key: string, value: Record<string, unknown>, shape: Record<string, AnySchema>, baseValue: Record<string, unknown>, source: string, problems: ConfigProblem[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...baseValue };
  for (const [sub, v] of Object.entries(value)) {
    const schema = shape[sub];
    if (!schema) {
      problems.push({ source, key: `${key}.${sub}`, message: `unknown setting (known: ${Object.keys(shape).join(', ')})` });
      continue;
    }
    const r = schema.safeParse(v);
    if (r.success) merged[sub] = r.data;
    else problems.push({ source, key: `${key}.${sub}`, message: `${r.error.issues[0]?.message ?? 'invalid value'}; using the default (${JSON.stringify(baseValue[sub])})` });
  }
  return merged;
}

/** Parses the text of `.promptcost.json`: JSON errors carry line and column. */
export function parseConfigFile(text: string, fileName = '.promptcost.json', base: Settings = DEFAULT_SETTINGS): ParsedSettings {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!clean.trim()) return { settings: base, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(clean);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = clean.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const col = Number(pos[1]) - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${col}`;
    }
    return { settings: base, problems: [{ source: fileName, key: '(file)', message: `not valid JSON${where}: ${msg}; using defaults for every key` }] };
  }
  return parseSettings(raw, fileName, base);
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.source}: "${p.key}": ${p.message}`;
}
