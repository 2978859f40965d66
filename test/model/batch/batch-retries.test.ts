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

describe('batch lines that keep failing', () => {
  it('--batch-fallback sync finishes unanswered lines with synchronous requests', async () => {
    const { r, batches } = await review({ expireAfter: (b) => (b.batchIndex === 0 ? 2 : null) }, ['--batch-fallback', 'sync']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
    const unanswered = batches[0]!.lines.length - 2;
    expect(server!.chatRequests()).toHaveLength(unanswered);
    expect(jsonOf(r).calls).toBe(batches.reduce((n, b) => n + b.lines.length, 0) + unanswered);
    expect(batches.filter(isClassify)).toHaveLength(1);
  });

  it('a line that keeps failing fails its papers after --max-retries more batches, recorded with the reason', async () => {
    const { r, batches } = await review({ failLine: (l) => (isClassify({ lines: [l] }) && l.lineIndex === 0 ? { status: 503, message: 'overloaded' } : null) }, ['--max-retries', '1']);
    expect(r.code).toBe(1);
    const s = jsonOf(r);
    expect(s.failed).toBeGreaterThan(0);
    expect(s.annotated + s.failed).toBe(s.papers);
    expect(batches.filter(isClassify)).toHaveLength(2);
  });
});
