import type { ModelGateway } from '../../model/types.js';
import type { PromptSet } from '../../prompts/load-prompts.js';
import type { PackingState } from './packing-state.js';

/** What every model-backed stage needs. */
export interface ModelStageDeps {
  gateway: ModelGateway;
  prompts: PromptSet;
  /** Where the batch ledgers live (the cache folder). */
  cacheDir: string;
  /** Replay and off modes never write ledgers. */
  writeLedgers: boolean;
  /** --cache replay: the ledgers' batches are taken as recorded (they are what the cache holds), never refitted. */
  replay?: boolean;
  /** Batches of one stage in flight at once (--concurrency): a limit learned from one reply reshapes the batches not yet sent. */
  concurrency: number;
  /** Upper bounds of a batch: --batch-size, or LITREV_BATCH_TOKENS. */
  batch: { maxItems: number; tokenBudget: number };
  /** --repeat: the sample number of this pass (0 = the ordinary request). */
  sample: number;
  /** What this run learned about fitting prompts into the endpoint's limits. */
  packing: PackingState;
}
