import type { Config } from '../config/schema.js';
import type { Corpus } from '../corpus/paper.js';
import type { ModelGateway } from '../model/types.js';
import type { PromptSet } from '../prompts/load-prompts.js';
import type { CategorySpec, ReviewEngine, StageContext } from '../review/engine.js';

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
  /**
   * The stage `index`, run once the outputs are written: the command builds the question store of the workspace's
   * corpus there (src/qa/question-store.ts, which the pipeline does not import). It warns rather than fails: the
   * review is written by then.
   */
  index?: (ctx: StageContext) => Promise<void>;
}
