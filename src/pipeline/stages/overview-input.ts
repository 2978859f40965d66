import type { ChatMessage } from '../../model/types.js';
import { promptRoom } from '../../prompts/context-budget.js';
import type { ReviewSection } from '../../review/review-draft.js';
import { cutToFit } from './cut-to-fit.js';
import type { ModelStageDeps } from './model-stage-deps.js';

/** Completion tokens the overview is expected to take. */
const OVERVIEW_OUTPUT = 900;
/** The most of one section the overview reads: its opening is what says what the section covers. */
const SECTION_SHARE = 600;

/**
 * The overview prompt with every section's draft, each cut (at a word) to its share of the
 * context window and at most SECTION_SHARE tokens: the overview introduces the sections, it does
 * not need to read all of each again.
 */
export function fitSectionDrafts(deps: ModelStageDeps, sections: ReviewSection[], render: (drafts: string) => ChatMessage[]): ChatMessage[] {
  const room = promptRoom(deps.packing.limits(), OVERVIEW_OUTPUT);
  const headed = (heading: string, body: string) => `## ${heading}\n\n${body}`;
  const empty = deps.gateway.countTokens([{ role: 'user', content: '' }]);
  const tokensOf = (text: string) => deps.gateway.countTokens([{ role: 'user', content: text }]) - empty;
  const fixed = deps.gateway.countTokens(render(sections.map((s) => headed(s.heading, '')).join('\n\n')));
  const share = Math.min(SECTION_SHARE, Math.floor((room - fixed) / Math.max(1, sections.length)));
  const drafts = sections.map((s) => headed(s.heading, share <= 0 ? '' : (cutToFit(s.body, share, tokensOf) ?? '')));
  return render(drafts.join('\n\n'));
}
