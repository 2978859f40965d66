import { maxWeightAssignment } from './max-assignment.js';

/** One category of run A paired with one of run B, and how many shared papers both hold. */
export interface CategoryPair {
  a: string;
  b: string;
  overlap: number;
}

export interface CategoryMatching {
  /** Matched pairs (overlap > 0), largest overlap first. */
  pairs: CategoryPair[];
  /** Labels of A (resp. B) left without a partner. */
  unmatchedA: string[];
  unmatchedB: string[];
  /**
   * Every label of B translated into A's label space: a matched B label becomes its A partner;
   * an unmatched one becomes a label that no A label equals, so it never counts as agreement.
   */
  bToA: Map<string, string>;
}

/**
 * Match the categories of two runs by the papers they share: `a` and `b` map a paper id to its
 * category label in each run. Only papers present in both maps count. The assignment is one-to-one
 * and maximises the total overlap (Hungarian method); among equal overlaps, same-named categories
 * are preferred. Categories with no shared paper stay unmatched and distinct.
 */
export function matchCategories(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): CategoryMatching {
  const labelsA = uniqueSorted(a.values());
  const labelsB = uniqueSorted(b.values());
  const indexA = new Map(labelsA.map((l, i) => [l, i]));
  const indexB = new Map(labelsB.map((l, i) => [l, i]));
  const overlap = labelsA.map(() => new Array<number>(labelsB.length).fill(0));
  for (const [id, la] of a) {
    const lb = b.get(id);
    if (lb === undefined) continue;
    overlap[indexA.get(la)!]![indexB.get(lb)!]! += 1;
  }
  // Integer weights: overlap dominates, a shared name only breaks ties.
  const scale = Math.max(labelsA.length, labelsB.length) + 1;
  const weights = overlap.map((row, i) =>
    row.map((o, j) => (o > 0 ? o * scale + (labelsA[i] === labelsB[j] ? 1 : 0) : 0)),
  );
  const assigned = maxWeightAssignment(weights);

  const pairs: CategoryPair[] = [];
  const matchedB = new Set<number>();
  assigned.forEach((j, i) => {
    if (j < 0 || overlap[i]![j]! === 0) return;
    matchedB.add(j);
    pairs.push({ a: labelsA[i]!, b: labelsB[j]!, overlap: overlap[i]![j]! });
  });
  pairs.sort((x, y) => y.overlap - x.overlap || x.a.localeCompare(y.a));
  const matchedA = new Set(pairs.map((p) => p.a));

  const bToA = new Map<string, string>();
  const taken = new Set(labelsA);
  for (const p of pairs) bToA.set(p.b, p.a);
  for (const lb of labelsB) {
    if (bToA.has(lb)) continue;
    let alias = `B:${lb}`;
    while (taken.has(alias)) alias = `B:${alias}`;
    taken.add(alias);
    bToA.set(lb, alias);
  }
  return {
    pairs,
    unmatchedA: labelsA.filter((l) => !matchedA.has(l)),
    unmatchedB: labelsB.filter((_, j) => !matchedB.has(j)),
    bToA,
  };
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
