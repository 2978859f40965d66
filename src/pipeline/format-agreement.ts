import type { RunSummary } from './events.js';

/** `contribution type 0.82, category 0.77` (n/a when a kappa is undefined): --repeat's agreement in a summary. */
export function formatAgreement(a: NonNullable<RunSummary['agreement']>): string {
  const k = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  return `contribution type ${k(a.contributionTypeKappa)}, category ${k(a.categoryKappa)}`;
}
