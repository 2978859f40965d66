import { createHash } from 'node:crypto';
import { estimateTokens } from '../../model/estimate.js';
import type { ChatMessage } from '../../model/types.js';
import { promptRoom } from '../../prompts/context-budget.js';
import type { ReviewSection } from '../../review/review-draft.js';
import { promptFits } from './batch-fit.js';
import { cutToFit } from './cut-to-fit.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { parseCounts, rememberedShape, shapeLedger } from './shape-ledger.js';

/** Completion tokens the overview is expected to take. */
const OVERVIEW_OUTPUT = 900;
/** The most of one section the overview reads: its opening is what says what the section covers. */
const SECTION_SHARE = 600;

/**
 * The overview prompt with every section's draft, each cut (at a word) to its share of the
 * context window and at most SECTION_SHARE tokens: the overview introduces the sections, it does
 * not need to read all of each again. The share is counted with litrev's plain estimate (the same
 * in every run) and remembered while it fits.
 */
export async function fitSectionDrafts(deps: ModelStageDeps, sections: ReviewSection[], render: (drafts: string) => ChatMessage[]): Promise<ChatMessage[]> {
  const withShare = (share: number) =>
    render(sections.map((s) => `## ${s.heading}\n\n${share <= 0 ? '' : (cutToFit(s.body, share, estimateTokens) ?? '')}`).join('\n\n'));
  const room = promptRoom(deps.packing.limits(), OVERVIEW_OUTPUT);
  const fits = (share: number) => room === Number.POSITIVE_INFINITY || deps.packing.countTokens(withShare(share)) <= room;
  const make = () => {
    let share = SECTION_SHARE;
    while (share > 0 && !fits(share)) share = Math.floor(share * 0.8) - 1;
    return Math.max(0, share);
  };
  const identity = { stage: 'overview', prompt: deps.prompts.overview.hash, sections: hashOf(sections.map((s) => `${s.heading}\n${s.body}`).join('\n')) };
  // A remembered share is kept while the prompt alone fits (the count is calibrated as replies come).
  const reusable = (v: number[]) => v.length === 1 && promptFits(deps.packing.limits(), deps.packing.countTokens(withShare(v[0]!)));
  const [share] = await rememberedShape(shapeLedger(deps, identity, parseCounts), reusable, () => [make()]);
  return withShare(share ?? SECTION_SHARE);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
