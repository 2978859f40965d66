import type { VerificationSummary } from '../../pipeline/events.js';

/** Human-readable figures shared by the plain lines and the dashboard. */

/** 0:07, 3:25, 1:02:03 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${h > 0 ? String(m).padStart(2, '0') : m}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** 850 ms, 4.2 s, 3 min 5 s */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** $0.0123, $1.23; "cost unknown" when the model has no known price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  if (usd === 0) return '$0';
  return usd < 0.1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** One line: what the verification found. */
export function formatVerification(v: VerificationSummary): string {
  return [
    `${plural(v.citations, 'citation')} checked (${v.danglingRemoved} unknown removed)`,
    `${plural(v.numbersChecked, 'number')} (${v.numbersUnsupported} unsupported)`,
    `${plural(v.quotesChecked, 'quote')} (${v.quotesNotVerbatim} not verbatim)`,
  ].join(', ');
}
