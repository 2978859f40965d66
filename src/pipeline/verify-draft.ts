import type { Paper } from '../corpus/paper.js';
import { renderReviewMarkdown } from '../report/review-markdown.js';
import { renderVerificationSection } from '../report/verification-section.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { checkProse, type ProseFinding } from '../verify/check-prose.js';
import type { QuoteCheck, VerificationReport } from '../verify/verification-report.js';
import { verifyReview } from '../verify/verify-review.js';
import { verificationWarnings } from '../verify/verification-warnings.js';

export interface VerifiedReview {
  /** review.md as written: the checked draft, closed by its own verification section. */
  markdown: string;
  report: VerificationReport;
  /** What verification removed or distrusts, one line each with its sentence (for the run's warnings). */
  warnings: string[];
}

/**
 * The verify stage: check the draft's prose (unsupported numbers marked, or removed with `strict`;
 * sentences broken by invented keys removed), render it, check the rendered review (dangling citations
 * removed), and append what was found.
 * `appendix` (the PRISMA flow) goes between the checked review and the verification section, unchecked.
 * `quoteChecks`: the claim quote checks when already made (`checkQuotesSteps`), else they are made here.
 */
export function verifyDraft(
  draft: ReviewDraft,
  context: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy },
  options: { strict?: boolean; appendix?: string; quoteChecks?: QuoteCheck[] } = {},
): VerifiedReview {
  const prose = checkProse(draft, context.papers, { strict: options.strict ?? false, uncitedNumbers: draft.engine === 'model' });
  const rendered = renderReviewMarkdown(prose.draft, context);
  const verified = verifyReview({
    markdown: rendered,
    papers: context.papers,
    annotations: context.annotations,
    ...(options.quoteChecks ? { quoteChecks: options.quoteChecks } : {}),
  });
  const report = withProse(verified.report, prose.findings);
  // The verification result closes the review itself (appended after the checks, not checked).
  const appendix = options.appendix?.trim() ? `${options.appendix.trim()}\n\n` : '';
  const markdown = `${verified.markdown.trimEnd()}\n\n${appendix}${renderVerificationSection(report)}`;
  return { markdown, report, warnings: verificationWarnings(report) };
}

/** Add the prose findings to the report (nothing changes when there are none): removed keys count as dangling. */
function withProse(report: VerificationReport, findings: ProseFinding[]): VerificationReport {
  if (findings.length === 0) return report;
  const removedKeys = findings.filter((f) => f.action === 'removed').flatMap((f) => f.unknownKeys.map((key) => ({ key, sentence: f.sentence, line: 0 })));
  const dangling = [...report.dangling, ...removedKeys];
  return {
    ...report,
    summary: {
      ...report.summary,
      danglingRemoved: dangling.length,
      sentencesMarked: findings.filter((f) => f.action === 'marked').length,
      sentencesRemoved: findings.filter((f) => f.action === 'removed').length,
    },
    dangling,
    prose: findings,
  };
}
