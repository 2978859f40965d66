import { fakeReviewer } from '../support/fake-reviewer.js';
import type { ChatAnswer, ChatHandler, ChatRequestInfo } from '../support/openai-server.js';

/** Prompt tokens as the test server counts them (its usage figures): 4 characters a token. */
export function serverTokens(info: Pick<ChatRequestInfo, 'messages'>): number {
  return Math.ceil(info.messages.reduce((s, m) => s + m.content.length, 0) / 4);
}

/**
 * The fake reviewer behind an endpoint with a context window (a longer prompt gets vLLM's 400
 * context_length_exceeded) and an output cap (a longer reply is cut, finish_reason "length").
 */
export function limitedReviewer(limits: { window?: number; outputCap?: number }): ChatHandler {
  const inner = fakeReviewer();
  return async (info): Promise<ChatAnswer | undefined> => {
    const prompt = serverTokens(info);
    if (limits.window !== undefined && prompt > limits.window) {
      return {
        status: 400,
        error: {
          message: `This model's maximum context length is ${limits.window} tokens. However, your messages resulted in ${prompt} tokens. Please reduce the length of the messages.`,
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      };
    }
    const answer = (await inner(info)) ?? info.defaultAnswer();
    if (limits.outputCap === undefined || !('json' in answer) || answer.json === undefined) return answer;
    const text = JSON.stringify(answer.json);
    const room = Math.min(limits.outputCap, limits.window === undefined ? Infinity : limits.window - prompt);
    if (Math.ceil(text.length / 4) <= room) return answer;
    const cut = text.slice(0, room * 4);
    return { content: cut, finishReason: 'length', usage: { prompt_tokens: prompt, completion_tokens: room } };
  };
}
