import type { Accounting, ModelEvent } from '../model/types.js';
import type { StageName } from '../review/stage-name.js';
import type { VerificationSummary } from '../verify/verification-summary.js';




export interface RunSummary {
  runId: string;
  outDir: string;
  engine: 'offline' | 'model';
  papers: number;
  annotated: number;
  /** Papers without an abstract, reviewed from their title only. */
  withoutAbstract: number;
  failed: number;
  /** Parts of the review the model failed to write, by heading (a section that cites no paper): failed items too. */
  failedSections?: string[];
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  costUSD: number | null;
  files: string[];
  verification: VerificationSummary;
  /** Offline screening: papers decided on evidence, of them set aside, and papers kept without a judgement. */
  screening?: { judged: number; excluded: number; notJudged: number };
  /** --repeat N: Fleiss' kappa between the repeats (absent without --repeat). */
  agreement?: { repeats: number; contributionTypeKappa: number | null; categoryKappa: number | null };
  durationMs: number;
}

/**
 * The typed event stream of a review run. The Ink dashboard, the plain-line logger and --json
 * all fold these; the core never prints.
 */
export type ReviewEvent =
  | { type: 'run-started'; runId: string; outDir: string; engine: 'offline' | 'model'; engineReason: string; model: string | null; papers: number; stages: StageName[] }
  | { type: 'stage-started'; stage: StageName; total: number; unit: 'papers' | 'batches' | 'sections' | 'steps' }
  | { type: 'stage-progress'; stage: StageName; done: number; total: number; failed: number }
  | { type: 'paper-failed'; stage: StageName; paperId: string; reason: string }
  | { type: 'stage-finished'; stage: StageName; done: number; failed: number; durationMs: number }
  | { type: 'model'; event: ModelEvent; accounting: Accounting }
  | { type: 'warning'; message: string }
  | { type: 'verification'; summary: VerificationSummary }
  | { type: 'run-finished'; summary: RunSummary };
