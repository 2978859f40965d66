import { cohensKappa, observedAgreement } from './agreement.js';
import { matchCategories } from './match-categories.js';
import { isAnnotated, primaryCategories, type PaperCategory } from './primary-category.js';
import type { RunRecord, RunPaper } from './run-record.js';
import type { PaperChange, RunComparison } from './run-comparison.js';

type Classification = Pick<
  RunComparison,
  'comparedPapers' | 'kappa' | 'agreement' | 'contributionTypeKappa' | 'categories' | 'changedCategories' | 'changedContributionTypes'
>;

/** Label of an annotated paper without a contribution type. */
const NO_TYPE = '(none)';

/**
 * Agreement of two runs' classifications over the papers both annotated: categories are matched
 * by overlap first, so a renamed category with the same papers counts as agreement.
 */
export function compareClassification(a: RunRecord, b: RunRecord): Classification {
  const catA = primaryCategories(a);
  const catB = primaryCategories(b);
  const paperB = new Map(b.papers.map((p) => [p.id, p]));
  const shared = a.papers.filter((p) => isAnnotated(p) && paperB.has(p.id) && isAnnotated(paperB.get(p.id)!));
  const labelsA = new Map(shared.map((p) => [p.id, catA.get(p.id)!.label]));
  const labelsB = new Map(shared.map((p) => [p.id, catB.get(p.id)!.label]));
  const matching = matchCategories(labelsA, labelsB);

  const ratedA = shared.map((p) => labelsA.get(p.id)!);
  const ratedB = shared.map((p) => matching.bToA.get(labelsB.get(p.id)!)!);
  const typesA = shared.map((p) => p.contributionType ?? NO_TYPE);
  const typesB = shared.map((p) => paperB.get(p.id)!.contributionType ?? NO_TYPE);

  const changedCategories: PaperChange[] = [];
  const changedContributionTypes: PaperChange[] = [];
  shared.forEach((p, i) => {
    if (ratedA[i] !== ratedB[i]) changedCategories.push(change(p, catA.get(p.id)!.name, catB.get(p.id)!.name));
    if (typesA[i] !== typesB[i]) changedContributionTypes.push(change(p, typesA[i]!, typesB[i]!));
  });

  const namesA = labelNames(catA);
  const namesB = labelNames(catB);
  const allA = new Set([...catA.values()].map((c) => c.label));
  const allB = new Set([...catB.values()].map((c) => c.label));
  const matchedA = new Set(matching.pairs.map((p) => p.a));
  const matchedB = new Set(matching.pairs.map((p) => p.b));
  return {
    comparedPapers: shared.length,
    kappa: cohensKappa(ratedA, ratedB),
    agreement: observedAgreement(ratedA, ratedB),
    contributionTypeKappa: cohensKappa(typesA, typesB),
    categories: {
      a: categoryCount(a, allA),
      b: categoryCount(b, allB),
      matched: matching.pairs.map((p) => {
        const na = namesA.get(p.a) ?? p.a;
        const nb = namesB.get(p.b) ?? p.b;
        return { a: na, b: nb, overlap: p.overlap, renamed: na !== nb };
      }),
      onlyInA: [...allA].filter((l) => !matchedA.has(l)).map((l) => namesA.get(l) ?? l).sort(),
      onlyInB: [...allB].filter((l) => !matchedB.has(l)).map((l) => namesB.get(l) ?? l).sort(),
    },
    changedCategories,
    changedContributionTypes,
  };
}

function change(p: RunPaper, from: string, to: string): PaperChange {
  return { id: p.id, key: p.key, title: p.title, from, to };
}

function labelNames(categories: Map<string, PaperCategory>): Map<string, string> {
  return new Map([...categories.values()].map((c) => [c.label, c.name]));
}

/** Categories of a run: its taxonomy when present, else the distinct categories its papers use. */
function categoryCount(run: RunRecord, used: Set<string>): number {
  return run.taxonomy && run.taxonomy.categories.length > 0 ? run.taxonomy.categories.length : used.size;
}
