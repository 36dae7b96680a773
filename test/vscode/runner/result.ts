export interface PhaseResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly seconds: number;
}

export function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

/** One line per phase; run.mjs sums them into the closing `N passed, N failed`. */
export function reportPhase(r: PhaseResult): void {
  console.log(`phase ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
