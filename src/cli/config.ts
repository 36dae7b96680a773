import { join, resolve } from 'node:path';
import { parseConfigFile, formatProblem } from '../core/config/parse';
import type { Settings } from '../core/config/schema';
import { DEFAULT_SETTINGS } from '../core/config/schema';
import { CliIO, UsageError } from './io';

/**
 * Loads `--config FILE`, or `.promptcost.json` in the working directory when present. A file given on the command
 * line that cannot be read is a usage error; a file with problems is a usage error that lists each key
 * and what was expected (the extension instead defaults those keys and says so).
 */
export async function loadConfig(io: CliIO, explicit: string | undefined): Promise<{ settings: Settings; file?: string }> {
  const file = explicit ? resolve(io.cwd, explicit) : join(io.cwd, '.promptcost.json');
  if (!explicit && !io.exists(file)) return { settings: DEFAULT_SETTINGS };
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parsed = parseConfigFile(new TextDecoder().decode(bytes), file);
  if (parsed.problems.length) {
    // On the command line (and so in CI) a bad config is an error: silently defaulting would hide it.
    throw new UsageError(`invalid config:\n${parsed.problems.map((p) => '  ' + formatProblem(p)).join('\n')}`);
  }
  return { settings: parsed.settings, file };
}
