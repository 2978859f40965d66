import type { Config } from '../config/schema.js';
import type { Corpus } from '../corpus/paper.js';
import type { ModelGateway } from '../model/types.js';
import type { PromptSet } from '../prompts/load-prompts.js';
import type { CategorySpec, ReviewEngine } from '../review/engine.js';

/** Everything one review run needs, prepared by the caller (cli) before the first event. */
export interface ReviewRunOptions {
  config: Config;
  corpus: Corpus;
  /** Input paths given on the command line (recorded in run.json). */
  inputs: string[];
  engine: ReviewEngine;
  /** Extra engines sampling the same prompts again (--repeat N gives N-1 of them). */
  repeatEngines?: ReviewEngine[];
  gateway: ModelGateway | null;
  prompts: PromptSet;
  promptDir: string | null;
  runId: string;
  outDir: string;
  signal: AbortSignal;
  /** Categories of a --taxonomy file, already parsed. */
  taxonomyCategories?: CategorySpec[];
}
