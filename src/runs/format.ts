/** Shown forms of the numbers in run listings and comparisons. */

export function formatKappa(k: number | null): string {
  return k === null ? 'n/a' : k.toFixed(3);
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatSigned(n: number): string {
  return n > 0 ? `+${formatInt(n)}` : formatInt(n);
}

/** USD with four decimals; 'unknown' when the price was not known. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'unknown';
  const sign = usd < 0 ? '-' : '';
  return `${sign}$${Math.abs(usd).toFixed(4)}`;
}

export function formatSignedCost(usd: number | null): string {
  if (usd === null) return 'n/a';
  if (usd === 0) return '0';
  return usd > 0 ? `+${formatCost(usd)}` : formatCost(usd);
}

export function formatPercent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/** `12.3s`, `4m05s`, `2h03m`. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** An ISO time as `YYYY-MM-DD HH:MM` in UTC; unparsable values are shown as written. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}
