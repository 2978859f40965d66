import { normalizeNumberText } from '../verify/numbers.js';

/** A claim's figure as a number that sorts and compares. */
export interface ClaimValue {
  number: number;
  /** x: a factor ("2.3x", "3 times"); %: a percentage; points: percentage points or score points. */
  unit: 'x' | '%' | 'points' | '';
  /** Which way the claim moves its metric, when the sentence says: a reduction, an increase. */
  direction: 'up' | 'down' | null;
  /** "up to", "over", "about"... as written, or null. */
  qualifier: string | null;
  /** The value as written in the claim. */
  raw: string;
}

const QUALIFIER = /\b(up to|more than|over|nearly|almost|about|around|approximately|roughly|at least|at most|on average|an average of)\s*$/i;
const VALUE = /(?<![\w.])([+-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|percent\b|per cent\b|×|x(?![A-Za-z])|times\b|-?fold\b|points?\b|pp\b|percentage points?\b)?/i;
const DOWN = /\b(reduc\w*|lower\w*|decreas\w*|cut\w*|sav\w*|shrink\w*|compress\w*|fewer|less|smaller|drops?|saving)\b/i;
const UP = /\b(improv\w*|increas\w*|boost\w*|rais\w*|higher|faster|speed-?ups?|accelerat\w*|gains?|more|better|outperform\w*|larger)\b/i;

/**
 * The first number of a claim value ("up to 7.78x", "40%", "3.5 points", "2.3×"), with its unit, and the
 * direction read off the words around it (`context`: the claim's sentence or metric). Null when the text
 * holds no number.
 */
export function parseClaimValue(value: string, context = ''): ClaimValue | null {
  const text = normalizeNumberText(value);
  const m = VALUE.exec(text);
  if (!m) return null;
  const number = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(number)) return null;
  const u = (m[2] ?? '').toLowerCase().trim();
  const unit: ClaimValue['unit'] =
    u === '%' || u.startsWith('percent') || u.startsWith('per cent') ? '%' : u === '×' || u === 'x' || u === 'times' || u.endsWith('fold') ? 'x' : u.startsWith('point') || u === 'pp' || u.startsWith('percentage') ? 'points' : '';
  const before = text.slice(0, m.index);
  const qualifier = QUALIFIER.exec(before)?.[1]?.toLowerCase() ?? null;
  const around = `${text} ${context}`;
  const down = DOWN.test(around);
  const up = UP.test(around);
  const direction = number < 0 ? 'down' : down && !up ? 'down' : up && !down ? 'up' : unit === 'x' && up ? 'up' : down ? 'down' : null;
  return { number: Math.abs(number), unit, direction, qualifier, raw: value.trim() };
}
