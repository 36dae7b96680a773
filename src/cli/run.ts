import { TrafficError } from '../core/cost/monthly';
import { TokenCountError } from '../core/cost/request';
import { UnknownModelError } from '../core/pricing/types';
import { auditCommand } from './commands/audit';
import { countCommand } from './commands/count';
import { estimateCommand } from './commands/estimate';
import { modelsCommand } from './commands/models';
import { whatifCommand } from './commands/whatif';
import { CliIO, EXIT_OK, EXIT_USAGE, UsageError } from './io';

declare const __PCL_VERSION__: string;
const VERSION = typeof __PCL_VERSION__ === 'string' ? __PCL_VERSION__ : 'dev';

export const HELP = `prompt-cost ${VERSION}: what your LLM prompts cost, offline.

Usage: prompt-cost <command> [options]

Commands:
  audit      find every prompt in a folder, price it, list waste; md, html, json, csv or sarif report
  estimate   monthly cost of a workload (model, traffic, tokens, hidden costs, forecast)
  count      tokens of a file or standard input
  models     the dated price catalog
  whatif     what routing, caching, batch, trimming and self-hosting would save on your prompts

Run prompt-cost <command> --help for a command's options.
Exit codes: 0 ok, 1 over budget, 2 usage or config error.
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  audit: auditCommand,
  estimate: estimateCommand,
  count: countCommand,
  models: modelsCommand,
  whatif: whatifCommand,
};

/** Runs the CLI; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd ? EXIT_OK : EXIT_USAGE;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.out(VERSION + '\n');
    return EXIT_OK;
  }
  const handler = COMMANDS[cmd];
  if (!handler) {
    io.err(`prompt-cost: unknown command '${cmd}'\n\n${HELP}`);
    return EXIT_USAGE;
  }
  try {
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownModelError || e instanceof TokenCountError || e instanceof TrafficError || e instanceof RangeError) {
      io.err(`prompt-cost ${cmd}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`prompt-cost ${cmd}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}
