/** What a command needs from the outside world; tests pass their own. */
export interface CliIO {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly readStdin: () => Promise<Uint8Array>;
  readonly exists: (path: string) => boolean;
  readonly cwd: string;
  readonly isTTY: boolean;
}

/** Exit codes: 0 ok, 1 budget failure (audit), 2 usage or config error. */
export const EXIT_OK = 0;
export const EXIT_BUDGET = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}
