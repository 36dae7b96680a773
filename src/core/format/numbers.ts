/** Formatting shared by the CodeLens, the hover, the CLI and reports. Locale-independent (en-US style). */

export function formatInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** USD with precision that suits the size: $0.0031, $0.42, $2,790, $1.2M. */
export function formatUSD(n: number): string {
  if (!Number.isFinite(n)) return '$—';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (a === 0) return '$0';
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(a >= 1e7 ? 1 : 2)}M`;
  if (a >= 100) return `${sign}$${formatInt(a)}`;
  if (a >= 1) return `${sign}$${a.toFixed(2)}`;
  if (a >= 0.01) return `${sign}$${a.toFixed(3)}`;
  // small: two significant digits, at least 4 decimals
  const digits = Math.max(4, 1 - Math.floor(Math.log10(a)));
  return `${sign}$${a.toFixed(Math.min(digits, 8))}`;
}

/** Traffic: 950/day, 30k/day, 1.5M/day. */
export function formatRate(n: number): string {
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e3) return `${trim(n / 1e3)}k`;
  return `${trim(n)}`;
}

function trim(n: number): string {
  return Number(n.toFixed(n >= 100 ? 0 : 1)).toString();
}
