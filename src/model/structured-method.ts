import type { ChatMessage } from './types.js';
import { defaultParams, type RequestParams } from './request-shape.js';
import type { JsonSchema } from './strict-json-schema.js';

/** How structured output is asked for on the wire. */
export type WireMethod = 'json_schema' | 'function_calling' | 'json_mode';

/** Order in which `structuredMethod: auto` tries the methods. */
export const METHOD_ORDER: readonly WireMethod[] = ['json_schema', 'function_calling', 'json_mode'];

/** The chat-completions body litrev sends (and hashes into the cache key), without transport fields. */
export interface ChatBody {
  model: string;
  messages: ChatMessage[];
  /** Absent for reasoning models, which accept only their default. */
  temperature?: number;
  seed?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: Record<string, unknown>;
  tools?: Record<string, unknown>[];
  tool_choice?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface BaseBody {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  seed?: number;
  maxTokens?: number;
}

/**
 * The body of a plain text request with the parameters the endpoint accepts (by default what the
 * model name suggests: reasoning models get no temperature and `max_completion_tokens`).
 */
export function textBody(base: BaseBody, params: RequestParams = defaultParams(base.model)): ChatBody {
  return {
    model: base.model,
    messages: base.messages,
    ...(params.temperature ? { temperature: base.temperature } : {}),
    ...(base.seed === undefined || !params.seed ? {} : { seed: base.seed }),
    ...(base.maxTokens === undefined ? {} : { [params.tokensField]: base.maxTokens }),
  };
}

/**
 * The body of a structured request with `method`: `json_schema` (strict response_format),
 * `function_calling` (one strict tool, forced with tool_choice) or `json_mode` (json_object, the schema
 * described in the system message, since that mode adds no instructions of its own).
 */
export function structuredBody(base: BaseBody, method: WireMethod, schemaName: string, schema: JsonSchema, params?: RequestParams): ChatBody {
  const body = textBody(base, params);
  switch (method) {
    case 'json_schema':
      return { ...body, response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema } } };
    case 'function_calling':
      return {
        ...body,
        tools: [
          {
            type: 'function',
            function: { name: schemaName, description: `Record the answer as ${schemaName}.`, parameters: schema, strict: true },
          },
        ],
        tool_choice: { type: 'function', function: { name: schemaName } },
      };
    case 'json_mode':
      return { ...body, messages: withSchemaInstruction(body.messages, schema), response_format: { type: 'json_object' } };
  }
}

/** The instruction json_mode adds to the system message. */
export function schemaInstruction(schema: JsonSchema): string {
  return (
    'Reply with one JSON object and nothing else (no prose, no code fence). ' +
    'It must match this JSON schema exactly; use null for values you do not know:\n' +
    '```json\n' +
    JSON.stringify(schema) +
    '\n```'
  );
}

function withSchemaInstruction(messages: ChatMessage[], schema: JsonSchema): ChatMessage[] {
  const instruction = schemaInstruction(schema);
  const first = messages[0];
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instruction}` }, ...messages.slice(1)];
  return [{ role: 'system', content: instruction }, ...messages];
}
