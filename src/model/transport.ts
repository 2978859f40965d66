import type { ChatOpenAI } from '@langchain/openai';
import type { AIMessage, AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type OpenAI from 'openai';
import type { ChatReply } from '../cache/cache-entry.js';
import type { ChatBody } from './structured-method.js';
import type { ChatMessage } from './types.js';

/** Sent as the key to endpoints that need none (Ollama, llama.cpp...): LangChain and the SDK insist on one. Never stored. */
export const PLACEHOLDER_API_KEY = 'litrev-no-key';

export interface TransportOptions {
  baseURL: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface ChatResponse {
  reply: ChatReply;
  /** Null when the endpoint reported no usage. */
  usage: { promptTokens: number; completionTokens: number } | null;
}

/** One HTTP attempt at a time; no retries (the gateway owns the retry policy). */
export interface Transport {
  chat(body: ChatBody, options?: { stream?: boolean; onToken?: (delta: string) => void }): Promise<ChatResponse>;
  listModels(): Promise<string[]>;
  embed(model: string, input: string[]): Promise<{ vectors: number[][]; promptTokens: number | null }>;
}

/**
 * The HTTP layer: LangChain `ChatOpenAI` for chat requests (text, streaming, function calling,
 * json_object), the `openai` SDK where LangChain falls short:
 * - `json_schema` requests: ChatOpenAI sends them through `chat.completions.parse`, which runs
 *   `JSON.parse` on the model's text and throws on `finish_reason: length`, losing the raw reply that
 *   the repair loop needs. The SDK's plain `create` returns it untouched.
 * - `/models` and `/embeddings`.
 * Both clients run with `maxRetries: 0`. Heavy modules are imported on first use.
 */
export async function createTransport(options: TransportOptions): Promise<Transport> {
  const [{ ChatOpenAI: ChatOpenAIClass }, { default: OpenAIClass }, messages] = await Promise.all([
    import('@langchain/openai'),
    import('openai'),
    import('@langchain/core/messages'),
  ]);
  const apiKey = options.apiKey ?? PLACEHOLDER_API_KEY;
  const client = new OpenAIClass({ apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs });
  const chats = new Map<string, ChatOpenAI>();
  const chatFor = (body: ChatBody): ChatOpenAI => {
    const maxTokens = body.max_tokens ?? body.max_completion_tokens;
    const id = `${body.model}\u0000${body.temperature ?? ''}\u0000${maxTokens ?? ''}`;
    let chat = chats.get(id);
    if (!chat) {
      // LangChain itself sends max_completion_tokens instead of max_tokens to reasoning models.
      chat = new ChatOpenAIClass({
        model: body.model,
        apiKey,
        configuration: { baseURL: options.baseURL },
        maxRetries: 0,
        timeout: options.timeoutMs,
        ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
        ...(maxTokens === undefined ? {} : { maxTokens }),
      });
      chats.set(id, chat);
    }
    return chat;
  };
  const toLangChain = (list: ChatMessage[]): BaseMessage[] =>
    list.map((m) =>
      m.role === 'system' ? new messages.SystemMessage(m.content) : m.role === 'user' ? new messages.HumanMessage(m.content) : new messages.AIMessage(m.content),
    );

  return {
    async chat(body, opts = {}) {
      if ((body.response_format as { type?: string } | undefined)?.type === 'json_schema') return sdkChat(client, body);
      const chat = chatFor(body);
      const callOptions = {
        ...(body.tools ? { tools: body.tools, tool_choice: body.tool_choice } : {}),
        ...(body.response_format ? { response_format: body.response_format } : {}),
        ...(body.seed === undefined ? {} : { seed: body.seed }),
      } as Parameters<ChatOpenAI['invoke']>[1];
      if (opts.stream) return streamChat(chat, toLangChain(body.messages), callOptions, opts.onToken);
      return fromAIMessage(await chat.invoke(toLangChain(body.messages), callOptions));
    },
    async listModels() {
      const page = await client.models.list();
      return page.data.map((m) => m.id);
    },
    async embed(model, input) {
      const res = await client.embeddings.create({ model, input, encoding_format: 'float' });
      const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      return { vectors, promptTokens: typeof res.usage?.prompt_tokens === 'number' ? res.usage.prompt_tokens : null };
    },
  };
}

async function sdkChat(client: OpenAI, body: ChatBody): Promise<ChatResponse> {
  const completion = await client.chat.completions.create({ ...(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: false });
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const reply: ChatReply = {
    content: typeof message?.content === 'string' ? message.content : '',
    toolCalls: (message?.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ name: c.function.name, arguments: c.function.arguments ?? '' }] : [])),
    finishReason: choice?.finish_reason ?? null,
    refusal: message?.refusal ?? null,
  };
  const u = completion.usage;
  return { reply, usage: u && typeof u.prompt_tokens === 'number' ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens ?? 0 } : null };
}

async function streamChat(
  chat: ChatOpenAI,
  input: BaseMessage[],
  callOptions: Parameters<ChatOpenAI['invoke']>[1],
  onToken?: (delta: string) => void,
): Promise<ChatResponse> {
  let content = '';
  let finishReason: string | null = null;
  let usage: ChatResponse['usage'] = null;
  for await (const chunk of await chat.stream(input, callOptions)) {
    const delta = textOf(chunk);
    if (delta) {
      content += delta;
      onToken?.(delta);
    }
    const fr = (chunk.response_metadata as { finish_reason?: unknown } | undefined)?.finish_reason;
    if (typeof fr === 'string') finishReason = fr;
    const um = chunk.usage_metadata;
    if (um && typeof um.input_tokens === 'number') usage = { promptTokens: um.input_tokens, completionTokens: um.output_tokens ?? 0 };
  }
  return { reply: { content, toolCalls: [], finishReason, refusal: null }, usage };
}

function fromAIMessage(msg: AIMessage): ChatResponse {
  const raw = (msg.additional_kwargs?.tool_calls ?? []) as { type?: string; function?: { name?: string; arguments?: string } }[];
  const reply: ChatReply = {
    content: textOf(msg),
    toolCalls: raw.filter((c) => c.function?.name).map((c) => ({ name: c.function!.name!, arguments: c.function!.arguments ?? '' })),
    finishReason: typeof msg.response_metadata?.finish_reason === 'string' ? msg.response_metadata.finish_reason : null,
    refusal: typeof msg.additional_kwargs?.refusal === 'string' ? msg.additional_kwargs.refusal : null,
  };
  const um = msg.usage_metadata;
  return { reply, usage: um && typeof um.input_tokens === 'number' ? { promptTokens: um.input_tokens, completionTokens: um.output_tokens ?? 0 } : null };
}

function textOf(msg: AIMessage | AIMessageChunk): string {
  const c = msg.content;
  if (typeof c === 'string') return c;
  return c.map((part) => (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}
