import { formatInt } from '../../core/format/numbers';
import { loadCatalog } from '../../core/pricing/catalog';
import { countTokens } from '../../core/tokenizer/index';
import { parse, str } from '../args';
import { loadConfig } from '../config';
import { CliIO, EXIT_OK, UsageError } from '../io';

export const COUNT_HELP = `Usage: prompt-cost count [FILE|-] [--model M] [--json]

Counts the tokens of a file (or standard input with - or no FILE) for a model (default gpt-4o).
Exact for OpenAI models; an estimate, marked so, for models without a public tokenizer.
`;

/** Files with a NUL byte in their first 8 KiB are binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export async function countCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, { model: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, true);
  if (values.help) {
    io.out(COUNT_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`count takes one FILE, got ${positionals.length}`);
  const file = positionals[0] ?? '-';
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? (e as Error).message}`);
  }
  if (looksBinary(bytes)) throw new UsageError(`${file} looks binary (it has NUL bytes); not counted`);
  const text = new TextDecoder('utf-8').decode(bytes);
  const { settings } = await loadConfig(io, str(values, 'config'));
  const modelId = str(values, 'model') ?? 'gpt-4o';
  const model = (await loadCatalog()).resolve(modelId, settings);
  const c = await countTokens(text, model.id, model.provider);
  if (values.json) {
    io.out(JSON.stringify({
      tokens: c.tokens, encoding: c.encoding, exact: c.exact, model: model.id, family: c.profile.family,
      ...(c.exact ? {} : { estimateFactor: c.profile.factor, errorPct: c.profile.errorPct, note: c.profile.note }),
      sliced: c.sliced, characters: text.length,
    }) + '\n');
    return EXIT_OK;
  }
  const how = c.exact ? `exact, ${c.encoding}` : `estimate ±${c.profile.errorPct}%: ${c.encoding} x ${c.profile.factor}${c.sliced ? ', long runs without spaces counted in slices' : ''}`;
  io.out(`${c.exact ? '' : '≈'}${formatInt(c.tokens)} tokens (${model.id}; ${how})\n`);
  return EXIT_OK;
}
