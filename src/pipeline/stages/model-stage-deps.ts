import type { ModelGateway } from '../../model/types.js';
import type { PromptSet } from '../../prompts/load-prompts.js';

/** What every model-backed stage needs. */
export interface ModelStageDeps {
  gateway: ModelGateway;
  prompts: PromptSet;
  /** Where the batch ledgers live (the cache folder). */
  cacheDir: string;
  /** Replay and off modes never write ledgers. */
  writeLedgers: boolean;
  batch: { maxItems: number; tokenBudget: number };
  /** --repeat: the sample number of this pass (0 = the ordinary request). */
  sample: number;
}
