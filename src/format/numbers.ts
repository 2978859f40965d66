/** Shown forms of counts and shares, shared by the plain lines, the dashboard and the run tables. */

/** 1,234 (rounded to a whole number). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** +12, -3, 0 */
export function formatSigned(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** "1 paper", "2,000 papers" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatPercent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

export function formatKappa(k: number | null): string {
  return k === null ? 'n/a' : k.toFixed(3);
}

/** $0, $0.0123, $1.23; "unknown" when the model has no known price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  return `${sign}$${abs < 0.1 ? abs.toFixed(4) : abs.toFixed(2)}`;
}

/** +$0.0123, -$1.20, 0; "n/a" when unknown. */
export function formatSignedCost(usd: number | null): string {
  if (usd === null) return 'n/a';
  if (usd === 0) return '0';
  return usd > 0 ? `+${formatCost(usd)}` : formatCost(usd);
}
