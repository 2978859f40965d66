import type { Annotation } from '../../review/annotation.js';
import type { ClassifyInput } from '../classify.js';

/** What the main thread asks of a classify worker: count its shard's phrases, then annotate it. */
export type ClassifyRequest =
  | { type: 'count'; papers: ClassifyInput[] }
  | { type: 'annotate'; df: Map<string, number>; corpusSize: number };

/** What a classify worker answers: progress within its shard, its phrase counts, its annotations. */
export type ClassifyReply =
  | { type: 'progress'; done: number }
  | { type: 'counted'; df: Map<string, number> }
  | { type: 'annotated'; annotations: Annotation[] };

/** Papers between two progress messages of a worker. */
export const PROGRESS_EVERY = 100;
