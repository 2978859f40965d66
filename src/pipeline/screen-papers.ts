import type { Paper } from '../corpus/paper.js';
import { judgedOffline } from '../offline/screen-criteria.js';
import { NoInputError } from '../errors.js';
import { screeningReason, type CriteriaScreening, type CriteriaSet } from '../review/criteria.js';
import type { Relevance } from '../review/engine.js';
import type { ReviewEvent } from './events.js';
import type { ReviewRunOptions } from './review-run-options.js';
import { runStage } from './run-stage.js';

export interface ScreenOutcome {
  /** The papers kept for the review. */
  kept: Paper[];
  relevance: Map<string, Relevance>;
  /** Per-criterion answers (--criteria only). */
  screenings: Map<string, CriteriaScreening>;
}

/**
 * The screen stage, when there is one: by criteria (--criteria, decision computed from the answers)
 * or by topic (--topic, the one-criterion shortcut). Without either, every paper is kept.
 */
export async function screenPapers(
  o: ReviewRunOptions,
  criteria: CriteriaSet | null,
  emit: (e: ReviewEvent) => void,
): Promise<ScreenOutcome> {
  const all = o.corpus.papers;
  const topic = o.config.topic;
  let relevance = new Map<string, Relevance>();
  let screenings = new Map<string, CriteriaScreening>();
  if (criteria) {
    screenings = await runStage(emit, o.signal, 'screen', all.length, 'papers', (ctx) => o.engine.screenCriteria(all, criteria, ctx));
    const offline = o.engine.kind === 'offline';
    relevance = new Map(
      [...screenings].map(([id, s]) => [
        id,
        { relevant: s.decision === 'include', reason: screeningReason(criteria.criteria, s), ...(offline ? { judged: judgedOffline(s, criteria.criteria) } : {}) },
      ]),
    );
  } else if (topic) {
    relevance = await runStage(emit, o.signal, 'screen', all.length, 'papers', (ctx) => o.engine.screen(all, topic, ctx));
  } else {
    return { kept: all, relevance, screenings };
  }
  const kept = all.filter((p) => relevance.get(p.id)?.relevant !== false);
  if (kept.length === 0) {
    throw criteria
      ? new NoInputError(`no paper in the corpus passes the criteria of ${criteria.source}`, 'loosen the criteria (an "unclear" answer never excludes)')
      : new NoInputError(`no paper in the corpus is relevant to "${topic}"`, 'try a broader --topic');
  }
  return { kept, relevance, screenings };
}
