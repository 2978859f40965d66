import type { Paper } from '../corpus/paper.js';
import type { Annotation } from './annotation.js';

/**
 * PRISMA 2020 flow counts of one review. Records are what the input files held (usable records,
 * duplicates included); every paper left after deduplication is screened, and ends included,
 * excluded or failed: screened = included + excluded + failed.
 */
export interface PrismaCounts {
  identified: number;
  /** Records per source file (path as given), in path order. */
  identifiedBySource: Record<string, number>;
  duplicatesRemoved: number;
  /** Screened papers that have no abstract (screened on their title alone). */
  withoutAbstract: number;
  screened: number;
  excluded: number;
  /** Excluded papers per reason: the first criterion that excluded each, or the topic screening. Sums to `excluded`. */
  excludedByReason: Record<string, number>;
  included: number;
  failed: number;
  /**
   * Offline screening only (--topic or --criteria without a model): papers decided on evidence
   * (`judged`: words that meet a rule, every exclusion among them) and papers kept without a judgement
   * (`notJudged`, counted in `included`). judged + notJudged = screened - failed.
   */
  offlineScreening?: { judged: number; notJudged: number };
}

/** The reason a paper excluded by --topic screening is counted under. */
export const TOPIC_REASON = 'not relevant to the topic';

/** Thrown when the counts do not add up: a bug, never a user error. */
export class PrismaCountError extends Error {}

/**
 * Count the flow from the papers (each remembers every record merged into it) and their final
 * annotations. A paper with no annotation counts as failed. Throws PrismaCountError when a sum breaks.
 */
export function countPrisma(papers: readonly Paper[], annotations: readonly Annotation[]): PrismaCounts {
  const bySource = new Map<string, number>();
  for (const p of papers) for (const s of p.sources) bySource.set(s.path, (bySource.get(s.path) ?? 0) + 1);
  const identified = [...bySource.values()].reduce((a, b) => a + b, 0);
  const status = new Map(annotations.map((a) => [a.paperId, a]));
  let included = 0;
  let excluded = 0;
  let failed = 0;
  const reasons = new Map<string, number>();
  let offline = false;
  let notJudged = 0;
  for (const p of papers) {
    const a = status.get(p.id);
    if (a?.relevance?.judged !== undefined) offline = true;
    if (a?.relevance?.judged === false && a.status === 'ok') notJudged++;
    if (a?.status === 'ok') included++;
    else if (a?.status === 'excluded') {
      excluded++;
      const reason = a.screening?.excludedBy[0] ?? TOPIC_REASON;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    } else failed++;
  }
  const counts: PrismaCounts = {
    identified,
    identifiedBySource: Object.fromEntries([...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    duplicatesRemoved: identified - papers.length,
    withoutAbstract: papers.filter((p) => p.abstract.trim() === '').length,
    screened: papers.length,
    excluded,
    excludedByReason: Object.fromEntries([...reasons].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))),
    included,
    failed,
    ...(offline ? { offlineScreening: { judged: included + excluded - notJudged, notJudged } } : {}),
  };
  assertPrisma(counts);
  return counts;
}

/** The sums PRISMA requires; throws PrismaCountError naming the first that breaks. */
export function assertPrisma(c: PrismaCounts): void {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const checks: [boolean, string][] = [
    [c.screened === c.included + c.excluded + c.failed, `screened ${c.screened} != included ${c.included} + excluded ${c.excluded} + failed ${c.failed}`],
    [c.identified === c.screened + c.duplicatesRemoved, `identified ${c.identified} != screened ${c.screened} + duplicates removed ${c.duplicatesRemoved}`],
    [sum(c.excludedByReason) === c.excluded, `excluded ${c.excluded} != the sum of excludedByReason ${sum(c.excludedByReason)}`],
    [sum(c.identifiedBySource) === c.identified, `identified ${c.identified} != the sum over sources ${sum(c.identifiedBySource)}`],
  ];
  const broken = checks.find(([ok]) => !ok);
  if (broken) throw new PrismaCountError(`PRISMA counts do not add up: ${broken[1]}`);
}
