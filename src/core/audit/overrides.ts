import { minimatch } from 'minimatch';
import type { Settings } from '../config/schema';

type Override = Settings['overrides'][number];

/** The per-glob override for a posix relative path: later entries win key by key. */
export function overrideFor(settings: Pick<Settings, 'overrides'>, path: string): Omit<Override, 'glob'> | undefined {
  let merged: Omit<Override, 'glob'> | undefined;
  for (const o of settings.overrides) {
    if (!minimatch(path, o.glob, { dot: true, matchBase: !o.glob.includes('/') })) continue;
    const { glob: _g, ...rest } = o;
    merged = { ...merged, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
  }
  return merged;
}
