import type { ChatResponse } from '../transport.js';
import type { ChatBody } from '../structured-method.js';

/**
 * Does a batch answer belong to the request it is filed under? A provider (or a proxy) that mixes up `custom_id`s
 * hands one request another's answer, which would be cached under the wrong key and reused by later runs. What an
 * answer names must be in its own request: every `"id"` it gives (paper ids of classification, screening and
 * assignment answers) and every citation key `[@key]` it writes (a section cites only its own papers). Returns why
 * not, or null when the answer names nothing foreign.
 */
export function foreignNames(body: ChatBody, response: ChatResponse): string | null {
  const reply = [response.reply.content, ...response.reply.toolCalls.map((t) => t.arguments)].join('\n');
  if (reply === '') return null;
  const request = body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n');
  for (const m of reply.matchAll(/"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"/g)) {
    const id = m[1]!;
    if (!request.includes(id)) return `the answer names id "${id.slice(0, 60)}", which its request does not hold`;
  }
  for (const group of reply.matchAll(/\[[^\]\n]{0,2000}\]/g)) {
    for (const c of group[0].matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.\-]*[\p{L}\p{N}_])/gu)) {
      if (!request.includes(c[1]!)) return `the answer cites [@${c[1]!.slice(0, 60)}], a paper its request does not hold`;
    }
  }
  return null;
}
