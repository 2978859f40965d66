import { describe, expect, it } from 'vitest';
import { readChatCompletion } from '../../src/model/read-reply.js';

const completion = (message: Record<string, unknown>, finish_reason: unknown = 'stop') =>
  JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason }] });

describe('replies from servers that are not quite OpenAI', () => {
  it('content as a list of parts: the text parts, joined (thinking parts left out)', () => {
    const { reply } = readChatCompletion(completion({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'hm {' }] }, { type: 'text', text: '{"a":' }, { type: 'text', text: '1}' }] }), 'application/json');
    expect(reply.content).toBe('{"a":1}');
  });

  it('tool-call arguments sent as an object, and a tool call without `type`', () => {
    const { reply } = readChatCompletion(completion({ content: null, tool_calls: [{ id: 'c', function: { name: 'answer', arguments: { label: 'x' } } }] }, 'tool_calls'), 'application/json');
    expect(reply.toolCalls).toEqual([{ name: 'answer', arguments: '{"label":"x"}' }]);
  });

  it('finish reasons in capitals, or named for the output limit as other providers do, are read as OpenAI names them', () => {
    expect(readChatCompletion(completion({ content: 'ok' }, 'STOP'), null).reply.finishReason).toBe('stop');
    expect(readChatCompletion(completion({ content: '{"a"' }, 'MAX_TOKENS'), null).reply.finishReason).toBe('length');
    expect(readChatCompletion(completion({ content: '{"a"' }, 'max_tokens'), null).reply.finishReason).toBe('length');
  });
});
