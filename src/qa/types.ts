import type { PromptFile } from '../prompts/prompt-file.js';
import type { ModelGateway } from '../model/types.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import type { Hit, Retriever } from '../retrieval/types.js';
import type { CorpusTable } from '../query/corpus-table.js';
import type { QueryPlan, QuestionKind } from '../query/query-plan.js';
import type { ResultRow } from '../query/run-plan.js';

/** One exchange of a conversation. */
export interface QaTurn {
  question: string;
  answer: string;
}

export interface AnswerRequest {
  question: string;
  /** Earlier turns, oldest first: follow-up questions are read against them. */
  history: readonly QaTurn[];
  retriever: Retriever;
  /** null: the offline extractive engine answers. */
  gateway: ModelGateway | null;
  /** The answer prompt (required with a gateway). */
  prompt?: PromptFile;
  /** Papers retrieved as sources (default 8). */
  topK?: number;
  /** The corpus as a table: list, count, compare, extremes and distribution questions are answered from it. */
  table?: CorpusTable;
  /** Keys of the previous answer's papers, in its order: "these", "it", "which of them" refer to them. */
  previousKeys?: readonly string[];
  /** Rows a list answer shows in the terminal (the rest: "and M more"). */
  shown?: number;
  /** The prompts of the model's query plan and of its answer from rows (with a gateway and a table). */
  planPrompt?: PromptFile;
  rowsPrompt?: PromptFile;
  /** Text as it is written, already cleaned of unknown citations. */
  onToken?: (delta: string) => void;
  /** Told when the sources had to be trimmed to fit the model's context window. */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

export interface Citation {
  key: string;
  title: string;
}

export interface AnswerResult {
  answer: string;
  /** Cited papers, in order of first citation. */
  citations: Citation[];
  engine: 'offline' | 'model';
  /** The retrieved papers the answer was written from. */
  sources: Hit[];
  /** False when the answer is "The corpus does not say." */
  supported: boolean;
  /** Citations and numbers checked against the sources. */
  verification: VerificationSummary;
  /** Unknown citation keys removed from the model's text. */
  removedKeys: string[];
  /** The question's kind (answerQuestion always sets it and the four fields below). */
  kind?: QuestionKind;
  /** The query run over the table (null: answered by retrieval). */
  plan?: QueryPlan | null;
  /** Papers that satisfy the plan's filters (null for retrieval answers). */
  count?: number | null;
  /** Every row of the answer (null for retrieval answers). */
  rows?: ResultRow[] | null;
  /** Keys of the papers this answer is about, in order: what the next question's "these" and "it" refer to. */
  papers?: string[];
  /** Said when a question that reads like a list or count could not be planned and retrieval answered it. */
  note?: string;
}

/** The answer when the corpus does not support one (the answer prompt asks the model for the same words). */
export const NOT_SUPPORTED = 'The corpus does not say.';

export const DEFAULT_TOP_K = 8;
