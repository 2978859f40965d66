import { errorMessage, LitrevError } from '../errors.js';
import type { ChatMessage, ModelGateway } from '../model/types.js';
import { removeUnknownCitations, resolveIdCitations } from '../verify/citation-keys.js';
import { createCitationFilter } from './citation-filter.js';
import { createMarkupFilter } from './markup-filter.js';

export interface StreamAnswerInput {
  gateway: ModelGateway;
  messages: ChatMessage[];
  /** The keys the answer may cite: any other citation is dropped from the stream and the text. */
  known: ReadonlySet<string>;
  /** The paper ids the prompt shows, by which a model may cite instead of the keys: rewritten as their keys. */
  idToKey?: ReadonlyMap<string, string>;
  /** Also drop litrev's prompt markup from the stream as it arrives. */
  stripMarkup?: boolean;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
}

/**
 * One model answer, streamed through the citation filter (and the markup filter when asked), so a made-up key never
 * reaches the screen; citations of the sources' paper ids become citations of their keys, as in the review
 * (resolveIdCitations). A gateway that did not stream (or a cache hit replayed silently) shows the answer at once.
 * Returns the cleaned text and the keys removed.
 */
export async function streamAnswer(input: StreamAnswerInput): Promise<{ text: string; removed: string[] }> {
  const idToKey = input.idToKey ?? new Map<string, string>();
  const citations = createCitationFilter(input.known, idToKey);
  const markup = input.stripMarkup ? createMarkupFilter() : null;
  let streamed = false;
  const emit = (text: string) => {
    if (text === '') return;
    streamed = true;
    input.onToken?.(text);
  };
  let raw: string;
  try {
    const result = await input.gateway.text({
      stage: 'answer',
      messages: input.messages,
      signal: input.signal,
      onToken: (delta) => emit(markup ? markup.push(citations.push(delta)) : citations.push(delta)),
    });
    raw = result.text;
  } catch (err) {
    if (err instanceof LitrevError) throw err;
    throw new LitrevError(`the model could not answer: ${errorMessage(err)}`, { cause: err });
  }
  emit(markup ? markup.push(citations.end()) + markup.end() : citations.end());
  const { text, removed } = removeUnknownCitations(resolveIdCitations(raw, idToKey, input.known), input.known);
  if (!streamed) emit(text);
  return { text: text.trim(), removed };
}
