import { parseArgs, ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options, allowPositionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e));
  }
}

/** A number flag: finite, >= min, integer when asked. Undefined when absent. */
export function num(values: Record<string, unknown>, name: string, opts: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    if (opts.required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  const text = String(raw).replace(/_/g, '').trim();
  const m = /^([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)([kKmM]?)$/.exec(text);
  let n = m ? Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1e3 : 1e6) : NaN;
  if (text.startsWith('-')) n = NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number >= ${opts.min ?? 0}, got '${raw}'`);
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be >= ${opts.min}, got ${n}`);
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`--${name} must be <= ${opts.max}, got ${n}`);
  if (opts.integer && !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got ${n}`);
  return n;
}

export function str(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
