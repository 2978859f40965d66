/**
 * The synthesised review before it is rendered: written by the model or by the offline engine,
 * with citations as `[@key]` in the Markdown text of each part.
 */
export interface ReviewSection {
  categoryId: string;
  heading: string;
  /** Markdown paragraphs with [@key] citations. */
  body: string;
}

/** A part of the review the model failed to write (e.g. it cited no paper, even when asked again). */
export interface FailedPart {
  /** The section's category id, or `overview`. */
  part: string;
  /** The heading a reader sees. */
  heading: string;
  reason: string;
}

export interface ReviewDraft {
  title: string;
  /** Focus of a --topic review; absent for a whole-corpus review. */
  topic?: string;
  overview: string;
  sections: ReviewSection[];
  openProblems: string;
  /** Which engine wrote it, shown in the review's header. */
  engine: 'offline' | 'model';
  /** Parts the model failed to write (drafted by the offline engine instead): the run ends with failed items. */
  failedParts?: FailedPart[];
}
