import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/model/json-text.js';
import { reasoningFilter, withoutReasoning } from '../../src/model/reasoning-text.js';

const THINK = '<think>\nThey want {"items": [...]}; check [each] one.\n</think>\n\n';

/** What a filtered stream delivers for `text` cut into `pieces`-character deltas. */
function streamed(text: string, pieces: number): string {
  let out = '';
  const onToken = reasoningFilter((d) => (out += d));
  for (let i = 0; i < text.length; i += pieces) onToken(text.slice(i, i + pieces));
  return out;
}

describe('a reasoning block before the answer', () => {
  it('is dropped from the answer, with the blank space after it; a reply without one is unchanged', () => {
    expect(withoutReasoning(`${THINK}The answer [@a].`)).toBe('The answer [@a].');
    expect(withoutReasoning('  <Thinking>hm</Thinking> ok')).toBe('ok');
    expect(withoutReasoning('<reasoning>x</reasoning>{"a":1}')).toBe('{"a":1}');
    expect(withoutReasoning('The answer mentions <think> tags.')).toBe('The answer mentions <think> tags.');
    // Never closed (cut off at the token limit): nothing is guessed away.
    expect(withoutReasoning('<think>still thinking {')).toBe('<think>still thinking {');
  });

  it('does not stop the JSON from being read, though it holds braces and brackets', () => {
    expect(parseJsonText(`${THINK}{"items": [{"id": "p1"}]}`)).toEqual({ ok: true, value: { items: [{ id: 'p1' }] } });
    expect(parseJsonText(`${THINK}\`\`\`json\n{"items": []}\n\`\`\``)).toEqual({ ok: true, value: { items: [] } });
  });

  it('is not streamed, however the deltas cut the tags; other replies stream unchanged', () => {
    const answer = 'KV caches are compressed by quantisation [@kivi].';
    for (const n of [1, 2, 3, 5, 7, 64]) {
      expect(streamed(`${THINK}${answer}`, n)).toBe(answer);
      expect(streamed(answer, n)).toBe(answer);
      expect(streamed(`  <b>bold</b> ${answer}`, n)).toBe(`  <b>bold</b> ${answer}`);
    }
  });
});
