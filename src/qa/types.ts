import type { PromptFile } from '../prompts/prompt-file.js';
import type { ModelGateway } from '../model/types.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import type { Hit, Retriever } from '../retrieval/types.js';

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
}

/** The answer when the corpus does not support one (the answer prompt asks the model for the same words). */
export const NOT_SUPPORTED = 'The corpus does not say.';

export const DEFAULT_TOP_K = 8;
