import type { ChatRequestInfo, ReceivedMessage } from './chat-request.js';

/** What a model behind the test server accepts: context window, output cap, parameter rules. */
export interface ModelRuleOptions {
  /** The model's context window in the server's tokens (ceil(chars / 4)). `error`: 400 context_length_exceeded
   *  (vLLM, OpenAI); `truncate`: keep only the tail of the prompt and report the small prompt_tokens (Ollama). */
  contextWindow?: { tokens: number; mode: 'error' | 'truncate' };
  /** Completions longer than this are cut with finish_reason "length"; `rejectLarger`: a 400 for max_tokens above it. */
  outputCap?: { tokens: number; rejectLarger?: boolean };
  /** A reasoning model behind a deployment name: 400 for temperature other than 1 and for max_tokens. */
  reasoning?: boolean;
  /** Parameters answered with a 400 "unsupported parameter" (e.g. 'seed', 'top_p'). */
  rejectParams?: string[];
}

export interface RuleError {
  message: string;
  code: string;
  param: string | null;
}

/** The server's token count of a text. */
export function serverTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function promptTokensOf(messages: ReceivedMessage[]): number {
  return serverTokens(messages.map((m) => m.content).join(''));
}

/** The 400 the rules give this body, or null when it is accepted. */
export function ruleError(body: Record<string, unknown>, messages: ReceivedMessage[], o: ModelRuleOptions): RuleError | null {
  for (const p of o.rejectParams ?? []) {
    if (body[p] !== undefined) return { message: `Unsupported parameter: '${p}' is not supported with this model.`, code: 'unsupported_parameter', param: p };
  }
  if (o.reasoning) {
    if (body.max_tokens !== undefined) {
      return { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", code: 'unsupported_parameter', param: 'max_tokens' };
    }
    if (body.temperature !== undefined && body.temperature !== 1) {
      return {
        message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        code: 'unsupported_value',
        param: 'temperature',
      };
    }
  }
  const maxOut = requestedOutput(body);
  if (o.outputCap?.rejectLarger && maxOut !== undefined && maxOut > o.outputCap.tokens) {
    return {
      message: `max_tokens is too large: ${maxOut}. This model supports at most ${o.outputCap.tokens} completion tokens, whereas you provided ${maxOut}.`,
      code: 'invalid_value',
      param: 'max_tokens',
    };
  }
  const window = o.contextWindow;
  if (window?.mode === 'error') {
    const prompt = promptTokensOf(messages);
    if (prompt + (maxOut ?? 0) > window.tokens) {
      return {
        message: `This model's maximum context length is ${window.tokens} tokens. However, you requested ${prompt + (maxOut ?? 0)} tokens (${prompt} in the messages, ${maxOut ?? 0} in the completion). Please reduce the length of the messages or completion.`,
        code: 'context_length_exceeded',
        param: 'messages',
      };
    }
  }
  return null;
}

export function requestedOutput(body: Record<string, unknown>): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens;
  return typeof v === 'number' ? v : undefined;
}

/**
 * In `truncate` mode, the messages the model really sees: only the tail that fits the window minus the
 * requested output (at most half the window), as Ollama does when a prompt exceeds num_ctx.
 */
export function truncateToWindow(messages: ReceivedMessage[], body: Record<string, unknown>, o: ModelRuleOptions): { messages: ReceivedMessage[]; truncated: boolean } {
  const window = o.contextWindow;
  if (window?.mode !== 'truncate' || promptTokensOf(messages) <= window.tokens) return { messages, truncated: false };
  const keepChars = (window.tokens - Math.min(requestedOutput(body) ?? 0, Math.floor(window.tokens / 2))) * 4;
  const kept: ReceivedMessage[] = [];
  let left = keepChars;
  for (let i = messages.length - 1; i >= 0 && left > 0; i--) {
    const m = messages[i]!;
    const content = m.content.length <= left ? m.content : m.content.slice(m.content.length - left);
    kept.unshift({ role: m.role, content });
    left -= content.length;
  }
  return { messages: kept, truncated: true };
}

/** Cut a completion to the output cap (server tokens); null when it fits. */
export function capOutput(text: string, body: Record<string, unknown>, o: ModelRuleOptions): string | null {
  const cap = Math.min(o.outputCap?.tokens ?? Infinity, requestedOutput(body) ?? Infinity);
  if (!Number.isFinite(cap) || serverTokens(text) <= cap) return null;
  return text.slice(0, cap * 4);
}

/** Wrap a JSON reply in a Markdown fence, as chat models often do. */
export function fence(text: string): string {
  return `Here is the JSON:\n\n\`\`\`json\n${text}\n\`\`\``;
}

/**
 * A request's prompt tokens as an endpoint with a real tokenizer reports them: each message's content plus 4 tokens of
 * framing, 3 for the reply's priming, and the JSON schema of a json_schema or tool request (part of what the model reads).
 */
export function tokenizedPrompt(info: ChatRequestInfo, count: (text: string) => number): number {
  const messages = info.messages.reduce((sum, m) => sum + 4 + count(m.content), 3);
  const schema = info.schema && (info.method === 'json_schema' || info.method === 'function_calling') ? count(JSON.stringify(info.schema)) : 0;
  return messages + schema;
}
