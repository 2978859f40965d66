import { describe, expect, it } from 'vitest';
import { splitIntoFiles } from '../../../src/model/batch/batch-files.js';
import { bodyId, customId, parseResultFile, requestLine } from '../../../src/model/batch/batch-line.js';

const body = (n: number) => ({ model: 'm', messages: [{ role: 'user' as const, content: `question ${n}` }], temperature: 0 });

describe('batch input files', () => {
  it('a line is the JSONL request OpenAI expects, with a custom_id derived from the body', () => {
    const line = JSON.parse(requestLine(customId(bodyId(body(1)), 0), body(1)));
    expect(line).toEqual({ custom_id: `litrev-${bodyId(body(1))}-0`, method: 'POST', url: '/v1/chat/completions', body: body(1) });
    // The same body in any key order has the same id; another body another one.
    expect(bodyId({ temperature: 0, messages: body(1).messages, model: 'm' })).toBe(bodyId(body(1)));
    expect(bodyId(body(2))).not.toBe(bodyId(body(1)));
  });

  it('splits at the line limit and at the byte limit, keeping the order', () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({ n: i, line: 'x'.repeat(99) }));
    expect(splitIntoFiles(lines, { maxLines: 4, maxBytes: 1e9 }).map((f) => f.map((l) => l.n))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    // 100 bytes per line with its newline: 250 bytes hold two lines.
    expect(splitIntoFiles(lines, { maxLines: 50_000, maxBytes: 250 }).map((f) => f.length)).toEqual([2, 2, 2, 2, 2]);
    // A line larger than the byte limit still gets a file of its own.
    expect(splitIntoFiles([{ line: 'y'.repeat(500) }, { line: 'z' }], { maxLines: 10, maxBytes: 100 }).map((f) => f.length)).toEqual([1, 1]);
  });

  it('reads output and error lines: answers, error statuses, lines not run, and broken lines apart', () => {
    const text = [
      JSON.stringify({ id: 'r1', custom_id: 'a', response: { status_code: 200, request_id: 'q', body: { choices: [] } }, error: null }),
      JSON.stringify({ id: 'r2', custom_id: 'b', response: { status_code: 500, request_id: 'q', body: { error: { message: 'boom' } } }, error: null }),
      JSON.stringify({ id: 'r3', custom_id: 'c', response: null, error: { code: 'batch_expired', message: 'expired' } }),
      '{not json',
      '',
    ].join('\n');
    const { results, invalid } = parseResultFile(text);
    expect(results).toEqual([
      { customId: 'a', kind: 'answered', status: 200, body: { choices: [] } },
      { customId: 'b', kind: 'answered', status: 500, body: { error: { message: 'boom' } } },
      { customId: 'c', kind: 'not-run', code: 'batch_expired', message: 'expired' },
    ]);
    expect(invalid).toEqual(['{not json']);
  });
});
