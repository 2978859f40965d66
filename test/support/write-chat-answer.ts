import type { ServerResponse } from 'node:http';
import type { ChatAnswer, ChatRequestInfo } from './chat-request.js';

type ContentAnswer = Exclude<ChatAnswer, { status: number } | { drop: true } | { hang: true }>;

/** How the server's model shapes an answer: extra headers, the prompt it really saw, its output cap, fences. */
export interface AnswerShape {
  headers?: Record<string, string>;
  /** The prompt tokens to report (a silently truncated prompt reports fewer). */
  promptTokens?: number;
  /** Completion tokens of the answer's text (default: chars / 4). */
  completionTokens?: (text: string) => number;
  /** The completion cut to the output cap, or null when it fits. */
  cap?: (text: string) => string | null;
  /** Wrap JSON content in a Markdown fence. */
  fence?: (text: string) => string;
  /** Reasoning written before the content (not before a tool call's arguments). */
  think?: string;
}

/** Write a chat answer as a chat.completion JSON, or as SSE chunks when the request streams. */
export function writeChatAnswer(res: ServerResponse, info: ChatRequestInfo, answer: ContentAnswer, shape: AnswerShape = {}): void {
  if (res.headersSent || res.destroyed) return;
  const asTool = answer.toolCall !== undefined || (answer.json !== undefined && info.method === 'function_calling');
  let text = answer.toolCall?.arguments ?? answer.content ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  if (shape.fence && !asTool && answer.json !== undefined) text = shape.fence(text);
  if (shape.think && !asTool) text = `${shape.think}${text}`;
  let finish = answer.finishReason ?? 'stop';
  if (answer.truncate) {
    text = text.slice(0, Math.floor(text.length / 2));
    finish = 'length';
  }
  const capped = shape.cap?.(text);
  if (capped !== undefined && capped !== null) {
    text = capped;
    finish = 'length';
  }
  const toolName = answer.toolCall?.name ?? info.schemaName ?? 'answer';
  const promptChars = info.messages.reduce((s, m) => s + m.content.length, 0);
  const usage = answer.usage === null ? undefined : (answer.usage ?? { prompt_tokens: shape.promptTokens ?? Math.ceil(promptChars / 4), completion_tokens: shape.completionTokens ? shape.completionTokens(text) : Math.ceil(text.length / 4) });
  const usageFull = usage ? { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } : undefined;
  const id = `chatcmpl-test-${info.index}`;
  const model = String(info.body.model ?? 'test-model');
  const created = Math.floor(Date.now() / 1000);
  const toolCalls = asTool ? [{ id: `call_${info.index}`, type: 'function', function: { name: toolName, arguments: text } }] : undefined;

  if (!info.stream) {
    const message = { role: 'assistant', content: asTool ? null : text, refusal: answer.refusal ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    res.writeHead(200, { 'content-type': 'application/json', ...shape.headers });
    res.end(JSON.stringify({ id, object: 'chat.completion', created, model, choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], ...(usageFull ? { usage: usageFull } : {}) }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...shape.headers });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  if (toolCalls) {
    chunk([{ index: 0, delta: { tool_calls: [{ index: 0, ...toolCalls[0] }] }, finish_reason: null }]);
  } else {
    for (let i = 0; i < text.length; i += 8) chunk([{ index: 0, delta: { content: text.slice(i, i + 8) }, finish_reason: null }]);
  }
  chunk([{ index: 0, delta: {}, finish_reason: finish }]);
  const includeUsage = (info.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (includeUsage && usageFull) chunk([], { usage: usageFull });
  res.end('data: [DONE]\n\n');
}
