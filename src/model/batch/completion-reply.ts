import { readChatCompletion } from '../read-reply.js';
import type { ChatResponse } from '../transport.js';

/**
 * A chat.completion object (the body of a batch output line) as the reply and usage the gateway
 * caches: read by the same function as a synchronous response (usage checked the same way). Null
 * when it is not a chat completion.
 */
export function chatResponseOf(body: unknown): ChatResponse | null {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { choices?: unknown }).choices)) return null;
  try {
    return readChatCompletion(JSON.stringify(body), 'application/json');
  } catch {
    return null;
  }
}
