import type { ChatReply } from '../../cache/cache-entry.js';
import type { ChatResponse } from '../transport.js';

interface CompletionLike {
  choices?: {
    finish_reason?: string | null;
    message?: {
      content?: string | null;
      refusal?: string | null;
      tool_calls?: { type?: string; function?: { name?: string; arguments?: string } }[];
    };
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * A chat.completion object (the body of a batch output line) as the reply and usage the gateway
 * caches: the same normalisation as a synchronous response. Null when it is not a chat completion.
 */
export function chatResponseOf(body: unknown): ChatResponse | null {
  if (!body || typeof body !== 'object' || !Array.isArray((body as CompletionLike).choices)) return null;
  const completion = body as CompletionLike;
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const reply: ChatReply = {
    content: typeof message?.content === 'string' ? message.content : '',
    toolCalls: (message?.tool_calls ?? []).flatMap((c) =>
      c.type === 'function' && c.function?.name ? [{ name: c.function.name, arguments: c.function.arguments ?? '' }] : [],
    ),
    finishReason: choice?.finish_reason ?? null,
    refusal: message?.refusal ?? null,
  };
  const u = completion.usage;
  const usage = u && typeof u.prompt_tokens === 'number' ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens ?? 0 } : null;
  return { reply, usage };
}
