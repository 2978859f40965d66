import { createHash } from 'node:crypto';
import { schemaInstance, type JsonSchema } from './schema-instance.js';

/** A chat message as received. */
export interface ReceivedMessage {
  role: string;
  content: string;
}

/** What a handler learns about a chat request. */
export interface ChatRequestInfo {
  /** The parsed JSON body, as sent. */
  body: Record<string, unknown>;
  /** 0-based index among the chat requests this server received. */
  index: number;
  method: 'json_schema' | 'function_calling' | 'json_mode' | 'text';
  /** The requested JSON schema (response_format, tool parameters, or the ```json block of a json_mode prompt). */
  schema: JsonSchema | null;
  schemaName: string | null;
  stream: boolean;
  messages: ReceivedMessage[];
  /** Text of the last user message. */
  lastUser: string;
  /** The answer the default handler would give. */
  defaultAnswer(): ChatAnswer;
}

/** What a handler tells the server to do. */
export type ChatAnswer =
  | {
      /** Text content (for json_schema / json_mode / text requests). */
      content?: string;
      /** Convenience: JSON.stringify'd into the content, or into the tool call for function-calling requests. */
      json?: unknown;
      toolCall?: { name?: string; arguments: string };
      finishReason?: string;
      refusal?: string;
      usage?: { prompt_tokens: number; completion_tokens: number } | null;
      /** Cut the answer in half and report finish_reason "length". */
      truncate?: boolean;
      delayMs?: number;
    }
  | { status: number; error?: { message: string; type?: string; code?: string }; headers?: Record<string, string>; delayMs?: number }
  | { drop: true; delayMs?: number }
  | { hang: true };

export type ChatHandler = (request: ChatRequestInfo) => ChatAnswer | undefined | Promise<ChatAnswer | undefined>;

/** Read a chat body into a ChatRequestInfo. */
export function describeChat(body: Record<string, unknown>, index: number): ChatRequestInfo {
  const messages = (Array.isArray(body.messages) ? body.messages : []).map((m: { role?: unknown; content?: unknown }) => ({
    role: String(m.role ?? ''),
    content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''),
  }));
  const rf = body.response_format as { type?: string; json_schema?: { name?: string; schema?: JsonSchema } } | undefined;
  const tools = body.tools as { function?: { name?: string; parameters?: JsonSchema } }[] | undefined;
  let method: ChatRequestInfo['method'] = 'text';
  let schema: JsonSchema | null = null;
  let schemaName: string | null = null;
  if (rf?.type === 'json_schema') {
    method = 'json_schema';
    schema = rf.json_schema?.schema ?? null;
    schemaName = rf.json_schema?.name ?? null;
  } else if (Array.isArray(tools) && tools.length > 0) {
    method = 'function_calling';
    schema = tools[0]?.function?.parameters ?? null;
    schemaName = tools[0]?.function?.name ?? null;
  } else if (rf?.type === 'json_object') {
    method = 'json_mode';
    schema = schemaFromPrompt(messages);
  }
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const info: ChatRequestInfo = {
    body,
    index,
    method,
    schema,
    schemaName,
    stream: body.stream === true,
    messages,
    lastUser,
    defaultAnswer: () => defaultAnswer(info),
  };
  return info;
}

/** Plain text: a short deterministic reply; structured: the minimal instance of the requested schema. */
export function defaultAnswer(info: ChatRequestInfo): ChatAnswer {
  if (info.method === 'text') {
    const h = createHash('sha256').update(info.lastUser).digest('hex').slice(0, 8);
    return { content: `Test reply ${h}: ${info.lastUser.replace(/\s+/g, ' ').slice(0, 40)}` };
  }
  return { json: info.schema ? schemaInstance(info.schema) : {} };
}

function schemaFromPrompt(messages: ReceivedMessage[]): JsonSchema | null {
  for (const m of messages) {
    const match = /```json\s*\n([\s\S]*?)\n```/.exec(m.content);
    if (!match) continue;
    try {
      const parsed = JSON.parse(match[1]!) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as JsonSchema;
    } catch {
      // not a schema
    }
  }
  return null;
}
