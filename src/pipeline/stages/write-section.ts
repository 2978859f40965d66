import { SectionRejectedError } from './section-fallback.js';
import { createHash } from 'node:crypto';
import type { Paper } from '../../corpus/paper.js';
import type { ChatMessage } from '../../model/types.js';
import { promptRoom } from '../../prompts/context-budget.js';
import { escapeUntrusted, paperBlocks, type PaperBlockFields } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Annotation, TaxonomyCategory } from '../../review/annotation.js';
import type { StageContext } from '../../review/engine.js';
import type { ReviewSection } from '../../review/review-draft.js';
import { promptFits } from './batch-fit.js';
import { chunkToFit } from './chunk-to-fit.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { isContextOverflow } from './guarded-gateway.js';
import { SectionSchema } from './reply-schemas.js';
import { sectionBlock } from './section-block.js';
import { parseIdLists, shapeLedger } from './shape-ledger.js';
import { askToCite, citesAPaper, cleanModelProse, type ProseKeys } from './model-prose.js';

/** Completion tokens a section (or a part of one) is expected to take. */
const SECTION_OUTPUT = 1000;

export interface SectionInput {
  category: TaxonomyCategory;
  papers: Map<string, Paper>;
  annotations: Map<string, Annotation>;
  topic: string;
  /** The corpus's ids and keys: model prose is cleaned and checked against them. */
  keys: ProseKeys;
}

/** What a section reply is held to: the keys it may cite, and a few of its papers' keys to show as the example. */
interface SectionGuard {
  keys: ProseKeys;
  example: string[];
  heading: string;
}

/**
 * Write one section from its papers' annotations. When the papers do not fit the context window
 * in one request, subsets of them are written as partial drafts, and the drafts merged into the
 * section (in rounds, if even the drafts do not fit together). Every reply is cleaned (prompt markup
 * removed, paper ids cited as keys); a reply that then cites no paper is asked for once more, with
 * the reason. The caller decides what a section that still cites nothing is (citesAPaper).
 */
export async function writeSection(deps: ModelStageDeps, input: SectionInput, ctx: StageContext): Promise<ReviewSection> {
  const { category, topic } = input;
  const blocks = category.paperIds.flatMap((id): PaperBlockFields[] => {
    const p = input.papers.get(id);
    return p ? [sectionBlock(p, input.annotations.get(id))] : [];
  });
  const guard = guardOf(input);
  const render = (part: PaperBlockFields[], label = category.name) =>
    renderPrompt(deps.prompts.synthesize, { topic, category: label, definition: category.definition, papers: paperBlocks(part) });
  let warned = false;
  const inParts = (parts: PaperBlockFields[][]) => {
    if (!warned) ctx.warn(`section "${category.name}": its ${blocks.length} papers do not fit the model's context window in one request; written in parts, then merged`);
    warned = true;
    return Promise.all(parts.map((part, i) => write(part, `${category.name} (part ${i + 1} of ${parts.length})`)));
  };
  // Too large for the window as far as it is known: parts planned before any request. Unknown but
  // too large (the endpoint says so): parts by the window learned, or halves.
  const write = async (part: PaperBlockFields[], label: string, onParts?: (parts: PaperBlockFields[][]) => void): Promise<string> => {
    const planned = planParts(deps, part, render);
    if (planned.length > 1) {
      onParts?.(planned);
      return mergeDrafts(deps, input, await inParts(planned), ctx);
    }
    try {
      return await ask(deps, render(part, label), ctx, guard);
    } catch (err) {
      if (!isContextOverflow(err) || part.length < 2) throw err;
      const replanned = planParts(deps, part, render);
      const parts = replanned.length > 1 ? replanned : halves(part);
      onParts?.(parts);
      return mergeDrafts(deps, input, await inParts(parts), ctx);
    }
  };
  // The parts a previous run used, while they still fit: the same requests again.
  const ledger = shapeLedger(deps, sectionIdentity(deps, input, blocks), parseIdLists);
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const recorded = await ledger.read();
  const reusable =
    recorded !== null &&
    recorded.length > 1 &&
    recorded.flat().sort().join(',') === [...byId.keys()].sort().join(',') &&
    // Lenient: the prompt alone fits (the count is calibrated as replies come, the parts were cut close to the limit).
    recorded.every((ids) => promptFits(deps.packing.limits(), deps.packing.countTokens(render(ids.map((id) => byId.get(id)!), `${category.name} (part 1 of ${recorded.length})`))));
  let used: PaperBlockFields[][] = [blocks];
  const body = reusable
    ? await mergeDrafts(deps, input, await inParts((used = recorded.map((ids) => ids.map((id) => byId.get(id)!)))), ctx)
    : await write(blocks, category.name, (parts) => (used = parts));
  await ledger.write(used.map((part) => part.map((b) => b.id)));
  return { categoryId: category.id, heading: category.name, body: body.trim() };
}

function guardOf(input: SectionInput): SectionGuard {
  return { keys: input.keys, example: input.category.paperIds.slice(0, 2).flatMap((id) => input.papers.get(id)?.key ?? []), heading: input.category.name };
}

function sectionIdentity(deps: ModelStageDeps, input: SectionInput, blocks: PaperBlockFields[]): Record<string, unknown> {
  const papers = createHash('sha256').update(blocks.map((b) => b.id).join(',')).digest('hex').slice(0, 32);
  const { id, name, definition } = input.category;
  return { stage: 'section', prompt: deps.prompts.synthesize.hash, merge: deps.prompts.merge.hash, topic: input.topic, category: { id, name, definition }, papers };
}

/** The papers of a section in consecutive parts whose prompts fit the known window (one part when unknown). */
function planParts(deps: ModelStageDeps, blocks: PaperBlockFields[], render: (part: PaperBlockFields[], label?: string) => ChatMessage[]): PaperBlockFields[][] {
  const room = promptRoom(deps.packing.limits(), SECTION_OUTPUT);
  if (room === Number.POSITIVE_INFINITY || deps.packing.countTokens(render(blocks)) <= room) return [blocks];
  const fixed = deps.packing.countTokens(render([], 'a category name (part 10 of 10)'));
  return chunkToFit(blocks, (b) => tokensOf(deps, paperBlocks([b])), room - fixed);
}

function halves<T>(items: T[]): T[][] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

/** Merge partial drafts into one section body; drafts that cannot be merged are kept one after another. */
async function mergeDrafts(deps: ModelStageDeps, input: SectionInput, drafts: string[], ctx: StageContext): Promise<string> {
  const kept = drafts.map((d) => d.trim()).filter((d) => d !== '');
  if (kept.length <= 1) return kept[0] ?? '';
  const render = (group: string[]) =>
    renderPrompt(deps.prompts.merge, {
      topic: input.topic,
      category: input.category.name,
      definition: input.category.definition,
      drafts: group.map((d, i) => `<draft part="${i + 1}">\n${escapeUntrusted(d)}\n</draft>`).join('\n\n'),
    });
  const room = promptRoom(deps.packing.limits(), SECTION_OUTPUT);
  const fixed = deps.packing.countTokens(render([]));
  const groups = room === Number.POSITIVE_INFINITY ? [kept] : chunkToFit(kept, (d) => tokensOf(deps, d) + 12, room - fixed);
  if (groups.length === kept.length) return kept.join('\n\n');
  const mergeGroup = async (g: string[]): Promise<string> => {
    if (g.length === 1) return g[0]!;
    try {
      return (await ask(deps, render(g), ctx, guardOf(input))).trim() || g.join('\n\n');
    } catch (err) {
      // Drafts too long to merge in this window: they stay one after another.
      if (isContextOverflow(err)) return g.join('\n\n');
      throw err;
    }
  };
  const merged = await Promise.all(groups.map(mergeGroup));
  return merged.length === 1 ? merged[0]! : mergeDrafts(deps, input, merged, ctx);
}

async function ask(deps: ModelStageDeps, messages: ChatMessage[], ctx: StageContext, guard: SectionGuard): Promise<string> {
  const request = async (m: ChatMessage[]) => {
    const result = await deps.gateway.structured({ stage: 'synthesize', schemaName: 'section', schema: SectionSchema, messages: m, sample: deps.sample, signal: ctx.signal });
    if (!result.ok) throw new SectionRejectedError(`reply rejected (${result.kind}: ${result.error})`);
    return result;
  };
  const first = await request(messages);
  const body = cleanModelProse(first.value.body, guard.keys);
  // A category without papers has nothing to cite.
  if (guard.example.length === 0 || citesAPaper(body, guard.keys)) return body;
  // Asked once more, with the reason; a second reply that is rejected leaves the first.
  ctx.warn(`section "${guard.heading}": the model's reply cited no paper; asked again with the reason`);
  const again = await request(askToCite(messages, first.raw, guard.example, 'section')).catch((err: unknown) => {
    if (err instanceof SectionRejectedError) return null;
    throw err;
  });
  const second = again ? cleanModelProse(again.value.body, guard.keys) : '';
  return second.trim() !== '' ? second : body;
}

function tokensOf(deps: ModelStageDeps, text: string): number {
  return deps.packing.countTokens([{ role: 'user', content: `${text}\n\n` }]) - deps.packing.countTokens([{ role: 'user', content: '' }]);
}
