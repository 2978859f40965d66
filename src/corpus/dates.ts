/** Years and dates from the shapes exports use. */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

export interface DateParts {
  year?: number;
  /** ISO `YYYY-MM-DD` or `YYYY-MM`. */
  date?: string;
}

/** A plausible publication year, or undefined. */
export function toYear(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n >= 1000 && n <= 2999 ? n : undefined;
}

/**
 * Parse `2021`, `2021-03`, `2021-03-04`, `2021-03-04T10:00:00Z`, `2021/03/04/` (RIS), `Mar 4, 2021`,
 * `4 March 2021`, `March 2021`; otherwise the first 19xx/20xx year found.
 */
export function parseDate(value: unknown): DateParts {
  if (typeof value === 'number') return { year: toYear(value) };
  if (typeof value !== 'string') return {};
  const v = value.trim();
  let m = /^(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?(?:[-/T ].*)?$/.exec(v);
  if (m) return iso(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(v);
  if (m) return iso(Number(m[3]), month(m[1]!), Number(m[2]));
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(v);
  if (m) return iso(Number(m[3]), month(m[2]!), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(v);
  if (m) return iso(Number(m[2]), month(m[1]!));
  m = /\b(1[89]\d\d|20\d\d)\b/.exec(v);
  return m ? { year: Number(m[1]) } : {};
}

/** Month number from an English name or abbreviation. */
export function month(name: string): number | undefined {
  return MONTHS[name.slice(0, 4).toLowerCase()] ?? MONTHS[name.slice(0, 3).toLowerCase()];
}

function iso(year: number, mon?: number, day?: number): DateParts {
  const y = toYear(year);
  if (y === undefined) return {};
  if (!mon || mon < 1 || mon > 12) return { year: y };
  const mm = String(mon).padStart(2, '0');
  if (!day || day < 1 || day > 31) return { year: y, date: `${y}-${mm}` };
  return { year: y, date: `${y}-${mm}-${String(day).padStart(2, '0')}` };
}
