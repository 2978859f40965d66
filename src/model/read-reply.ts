import type { ChatReply } from '../cache/cache-entry.js';
import { MalformedReplyError, ReplyTooLargeError } from './model-errors.js';

export interface ReplyUsage {
  promptTokens: number;
  completionTokens: number;
}

interface WireMessage {
  content?: unknown;
  refusal?: unknown;
  tool_calls?: { type?: string; function?: { name?: unknown; arguments?: unknown } }[];
}

/** A reply's usage when it holds non-negative integers; `invalid` when it is there but holds anything else. */
export function usageFrom(u: unknown): { usage: ReplyUsage | null; invalid: boolean } {
  if (u === undefined || u === null) return { usage: null, invalid: false };
  const o = u as { prompt_tokens?: unknown; completion_tokens?: unknown };
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  const completion = o.completion_tokens ?? 0;
  if (ok(o.prompt_tokens) && ok(completion)) return { usage: { promptTokens: o.prompt_tokens, completionTokens: completion }, invalid: false };
  return { usage: null, invalid: true };
}

/** What a 200 body that is not a chat completion looks like, for the error message (no echo of the body). */
function describeBody(text: string, contentType: string | null): string {
  const t = text.trim();
  if (t === '') return 'an empty body';
  if (t.startsWith('<')) return `an HTML page (${contentType ?? 'no content type'})`;
  return `${t.length} bytes that are not JSON (${contentType ?? 'no content type'})`;
}

/** Read a non-streamed chat.completion body; anything else is a MalformedReplyError (transient). */
export function readChatCompletion(text: string, contentType: string | null): { reply: ChatReply; usage: ReplyUsage | null; usageInvalid: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MalformedReplyError(`the endpoint answered 200 with ${describeBody(text, contentType)}`);
  }
  const choices = (json as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0 || typeof choices[0] !== 'object' || choices[0] === null) {
    throw new MalformedReplyError('the endpoint answered 200 with JSON that has no `choices`');
  }
  const choice = choices[0] as { message?: WireMessage; finish_reason?: unknown };
  const message = choice.message ?? {};
  const reply: ChatReply = {
    content: contentText(message.content),
    toolCalls: (Array.isArray(message.tool_calls) ? message.tool_calls : []).flatMap((c) =>
      (c?.type === 'function' || c?.type === undefined) && typeof c?.function?.name === 'string' ? [{ name: c.function.name, arguments: argumentsText(c.function.arguments) }] : [],
    ),
    finishReason: finishReasonOf(choice.finish_reason),
    refusal: typeof message.refusal === 'string' ? message.refusal : null,
  };
  const { usage, invalid } = usageFrom((json as { usage?: unknown }).usage);
  return { reply, usage, usageInvalid: invalid };
}

/**
 * What servers that are not quite OpenAI send, read as OpenAI's: content as a list of parts (the
 * text parts joined; Mistral's thinking parts left out), tool-call arguments as an object rather
 * than a JSON string, a tool call without `type`, and finish reasons in capitals or under another
 * provider's name for the output limit.
 */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: unknown; text?: unknown }) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  return args !== null && typeof args === 'object' ? JSON.stringify(args) : '';
}

function finishReasonOf(reason: unknown): string | null {
  if (typeof reason !== 'string') return null;
  const r = reason.toLowerCase();
  return r === 'max_tokens' || r === 'max_output_tokens' ? 'length' : r;
}

interface StreamChunk {
  choices?: { delta?: { content?: unknown; refusal?: unknown; tool_calls?: { index?: number; function?: { name?: unknown; arguments?: unknown } }[] }; finish_reason?: unknown }[];
  usage?: unknown;
}

/**
 * Fold an SSE stream of chat.completion.chunk objects into one reply: text deltas (passed to
 * `onToken`), tool-call fragments, finish_reason and the usage chunk. A stream that ends without a
 * finish_reason was cut: MalformedReplyError. Past `maxBytes` of text the stream is dropped.
 */
export async function readStream(
  stream: AsyncIterable<unknown> & { controller: AbortController },
  maxBytes: number,
  onToken?: (delta: string) => void,
): Promise<{ reply: ChatReply; usage: ReplyUsage | null; usageInvalid: boolean }> {
  let content = '';
  let refusal = '';
  let finishReason: string | null = null;
  let usageRaw: unknown = undefined;
  const calls: { name: string; arguments: string }[] = [];
  let size = 0;
  for await (const raw of stream) {
    const chunk = raw as StreamChunk;
    if (chunk.usage) usageRaw = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const d = choice.delta ?? {};
    if (typeof d.content === 'string' && d.content) {
      content += d.content;
      size += d.content.length;
      onToken?.(d.content);
    }
    if (typeof d.refusal === 'string') refusal += d.refusal;
    for (const tc of d.tool_calls ?? []) {
      const i = tc.index ?? 0;
      calls[i] ??= { name: '', arguments: '' };
      if (typeof tc.function?.name === 'string') calls[i]!.name += tc.function.name;
      const args = argumentsText(tc.function?.arguments);
      if (args) {
        calls[i]!.arguments += args;
        size += args.length;
      }
    }
    if (typeof choice.finish_reason === 'string') finishReason = finishReasonOf(choice.finish_reason);
    if (size > maxBytes) {
      stream.controller.abort();
      throw new ReplyTooLargeError(maxBytes);
    }
  }
  if (finishReason === null) throw new MalformedReplyError('the stream ended before the reply was complete (no finish_reason)');
  const { usage, invalid } = usageFrom(usageRaw);
  return { reply: { content, toolCalls: calls.filter((c) => c.name), finishReason, refusal: refusal || null }, usage, usageInvalid: invalid };
}
