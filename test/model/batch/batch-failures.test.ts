import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRouteOptions } from '../../support/batch-routes.js';
import type { OpenAIServer } from '../../support/openai-server.js';
import { jsonOf } from '../../support/run-cli.js';
import { batchReview, isClassify } from './support.js';


let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const review = (batch: BatchRouteOptions, extra: string[] = []) => batchReview(batch, (s) => (server = s), extra);

describe('batch lines that fail', () => {
  it('lines answered with a transient error (5xx) go into the next batch', async () => {
    const { r, batches } = await review({ failLine: (l) => (l.batchIndex === 0 && l.lineIndex % 3 === 0 ? { status: 500, message: 'The server had an error' } : null) });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r)).toMatchObject({ failed: 0 });
    expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
    expect(server!.chatRequests()).toHaveLength(0);
    const failedIds = batches[0]!.lines.filter((_, i) => i % 3 === 0).map((l) => l.custom_id);
    expect(batches[0]!.batch.request_counts.failed).toBe(failedIds.length);
    // The second batch holds exactly the lines that failed, resubmitted; every line sent counts as a call.
    expect(batches[1]!.lines.map((l) => l.custom_id).sort()).toEqual(failedIds.sort());
    expect(jsonOf(r).calls).toBe(batches.reduce((n, b) => n + b.lines.length, 0));
  });

  it('a line the endpoint rejects for its content (context too long) is split like a synchronous request', async () => {
    const { r, batches } = await review({
      failLine: (l) => (l.batchIndex === 0 && l.lineIndex === 0 ? { status: 400, message: "This model's maximum context length is 128000 tokens", code: 'context_length_exceeded' } : null),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
    expect(server!.chatRequests()).toHaveLength(0);
    // The rejected request was bisected: its two halves form the next batch.
    expect(isClassify(batches[1]!)).toBe(true);
    expect(batches[1]!.lines).toHaveLength(2);
  });

  it('the unanswered part of an expired batch is submitted again', async () => {
    const { r, batches } = await review({ expireAfter: (b) => (b.batchIndex === 0 ? 2 : null) });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
    expect(batches[0]!.batch.status).toBe('expired');
    expect(batches[0]!.batch.request_counts.completed).toBe(2);
    expect(batches[1]!.lines.map((l) => l.custom_id).sort()).toEqual(batches[0]!.lines.slice(2).map((l) => l.custom_id).sort());
    expect(server!.chatRequests()).toHaveLength(0);
  });

});
