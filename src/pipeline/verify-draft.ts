import type { Paper } from '../corpus/paper.js';
import { renderReviewMarkdown } from '../report/review-markdown.js';
import { renderVerificationSection } from '../report/verification-section.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import type { VerificationReport } from '../verify/verification-report.js';
import { verifyReview } from '../verify/verify-review.js';

export interface VerifiedReview {
  /** review.md as written: the checked draft, closed by its own verification section. */
  markdown: string;
  report: VerificationReport;
}

/**
 * The verify stage: render the draft, check it (dangling citations removed), and append what was found.
 * `appendix` (the PRISMA flow) goes between the checked draft and the verification section, unchecked.
 */
export function verifyDraft(
  draft: ReviewDraft,
  context: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy },
  appendix = '',
): VerifiedReview {
  const rendered = renderReviewMarkdown(draft, context);
  const verified = verifyReview({ markdown: rendered, papers: context.papers, annotations: context.annotations });
  // The verification result closes the review itself (appended after the checks, not checked).
  const extra = appendix.trim() ? `${appendix.trim()}\n\n` : '';
  const markdown = `${verified.markdown.trimEnd()}\n\n${extra}${renderVerificationSection(verified.report)}`;
  return { markdown, report: verified.report };
}
