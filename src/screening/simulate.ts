import { seededRandom } from '../text/seeded-random.js';
import type { FeatureMatrix } from './features.js';
import { rankUnlabelled, scoreAll, trainRanker, type RankerConfig } from './ranker.js';
import { retrainDue } from './retrain-schedule.js';

export type ScreeningOrder = 'ranked' | 'random';

export interface SimulationOptions {
  seed: number;
  order: ScreeningOrder;
  config: RankerConfig;
  /** Stop once this share of the relevant papers is found and this share of all papers is read (default: 0.95 and 0.3). */
  untilRecall?: number;
  untilRead?: number;
  /** Also read on until this holds of the labels read so far, in order (e.g. a stopping rule). */
  alsoUntil?: (labels: readonly boolean[]) => boolean;
}

/** One paper of each class, chosen by the seed: the prior knowledge a simulation starts from (as `asreview simulate`). */
export function choosePriors(gold: readonly boolean[], seed: number): [number, number] {
  const random = seededRandom(seed);
  const pick = (want: boolean): number => {
    const ids = gold.flatMap((g, i) => (g === want ? [i] : []));
    if (ids.length === 0) throw new Error(`the gold labels hold no ${want ? 'relevant' : 'irrelevant'} paper`);
    return ids[Math.floor(random() * ids.length)]!;
  };
  return [pick(true), pick(false)];
}

/**
 * Replay gold labels in the order a reviewer would be shown the papers: the two priors first, then
 * (ranked) the best-scoring unread paper of a model retrained on the labels read so far, or (random)
 * a seeded random order. Returns the indices read, in order, until the stopping point of the options.
 */
export function simulateScreening(m: FeatureMatrix, gold: readonly boolean[], o: SimulationOptions): number[] {
  const n = gold.length;
  const totalRelevant = gold.filter(Boolean).length;
  const needFound = Math.ceil((o.untilRecall ?? 0.95) * totalRelevant);
  const needRead = Math.ceil((o.untilRead ?? 0.3) * n);
  const read = [...choosePriors(gold, o.seed)];
  const labelled = new Map<number, boolean>(read.map((i) => [i, gold[i]!]));
  let found = read.filter((i) => gold[i]).length;
  const random = seededRandom(o.seed + 1);
  let queue: number[] = [];
  let trainedAt = -1;
  const readLabels = read.map((i) => gold[i]!);
  while (read.length < n && (found < needFound || read.length < needRead || (o.alsoUntil !== undefined && !o.alsoUntil(readLabels)))) {
    if (o.order === 'random') {
      if (queue.length === 0) queue = shuffle(rankUnlabelled(new Float64Array(n), labelled), random);
    } else if (trainedAt < 0 || retrainDue(labelled.size, trainedAt) || queue.length === 0) {
      const model = trainRanker(m, labelled, o.config, o.seed);
      queue = rankUnlabelled(scoreAll(m, model), labelled);
      trainedAt = labelled.size;
    }
    const next = queue.shift()!;
    read.push(next);
    readLabels.push(gold[next]!);
    labelled.set(next, gold[next]!);
    if (gold[next]) found++;
  }
  return read;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
