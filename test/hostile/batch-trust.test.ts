import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readResultLines } from '../../src/model/batch/batch-lines-reader.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf } from '../support/run-cli.js';
import { batchReview } from '../model/batch/support.js';

const servers: OpenAIServer[] = [];
const keep = (s: OpenAIServer) => servers.push(s);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The keys of every section's papers (taxonomy.json) and the keys each section of review.md cites. */
function sectionCitations(outDir: string): { name: string; own: Set<string>; cited: string[] }[] {
  const taxonomy = JSON.parse(readFileSync(path.join(outDir, 'taxonomy.json'), 'utf8')) as { categories: { name: string; paperKeys: string[] }[] };
  const review = readFileSync(path.join(outDir, 'review.md'), 'utf8');
  return taxonomy.categories.map((c) => {
    const at = review.indexOf(`## ${c.name}`);
    const rest = review.slice(at + 3);
    const body = rest.slice(0, rest.search(/\n## /) < 0 ? undefined : rest.search(/\n## /));
    return { name: c.name, own: new Set(c.paperKeys), cited: [...body.matchAll(/@([\w:.-]+)/g)].map((m) => m[1]!) };
  });
}

describe('the Batch API goes through litrev fetch and its answers must match their requests', () => {
  it('a cross-origin redirect of an output file is refused, never followed', async () => {
    const elsewhere = await startOpenAIServer();
    keep(elsewhere);
    const { r } = await batchReview({ contentRedirect: elsewhere.url.replace(/\/v1$/, '') }, keep);
    expect(elsewhere.requests).toHaveLength(0);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/redirected to another origin/);
  });

  it('answers rotated among custom_ids are not used: sections cite only their own papers, re-asked synchronously', async () => {
    const { r } = await batchReview({ rotateOutputs: true }, keep);
    expect(r.code, r.stderr).toBe(0);
    const sections = sectionCitations(jsonOf(r).outDir);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      for (const key of s.cited) expect(s.own.has(key), `section "${s.name}" cites ${key}, a paper of another section`).toBe(true);
    }
  });

  it('result files are read line by line: a line beyond the bound is left out and named, the others kept', async () => {
    const good = (id: string) => JSON.stringify({ custom_id: id, response: { status_code: 200, body: { choices: [] } }, error: null });
    const huge = JSON.stringify({ custom_id: 'big', response: { status_code: 200, body: { pad: 'x'.repeat(5000) } }, error: null });
    const text = `${good('a')}\n${huge}\n${good('b')}\n`;
    // Delivered in small chunks, as a network would.
    const bytes = Buffer.from(text);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 700) c.enqueue(bytes.subarray(i, i + 700));
        c.close();
      },
    });
    const seen: string[] = [];
    const { tooLong } = await readResultLines(new Response(stream), (line) => seen.push(JSON.parse(line).custom_id), { maxLineBytes: 1000 });
    expect(seen).toEqual(['a', 'b']);
    expect(tooLong).toBe(1);
  });
});
