import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactSecrets } from '../../src/config/redact.js';
import { redactURL } from '../../src/config/load.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const KEY = 'local-key-7f3a9c2e41d8b6';
const OTHER = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AsDfGhJkL';

let server: OpenAIServer;
const temps: string[] = [];
beforeAll(async () => {
  server = await startOpenAIServer({
    apiKey: KEY,
    // An endpoint that echoes the request's credentials in its complaint, as some proxies do.
    handler: (info) =>
      info.method === 'text'
        ? undefined
        : { status: 400, error: { message: `Bad request: Authorization: Bearer ${KEY} rejected; upstream said key=${KEY}, token ${OTHER}, via http://alice:pw@proxy.example/v1#frag-${KEY}` } },
  });
});
afterAll(() => server.close());
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function filesUnder(dir: string): Promise<string> {
  let all = '';
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) all += await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return all;
}

describe('secrets never leave in an error message', () => {
  it('a 400 echoing the key: not in run.json, papers.jsonl, papers.csv, stderr or stdout', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-secrets-'));
    temps.push(cwd);
    await writeFile(path.join(cwd, 'p.csv'), 'title,abstract\nPaged Attention,We page the KV cache and serve 2x more requests.\n');
    vi.stubEnv('OPENAI_API_KEY', KEY);
    const r = await runCli(['review', 'p.csv', '--base-url', server.url, '--model', 'test-model', '--cache-dir', 'cache', '--out', 'out', '--plain', '--max-retries', '0'], { cwd });
    const written = await filesUnder(path.join(cwd, 'out'));
    for (const text of [r.stderr, r.stdout, written]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(OTHER);
      expect(text).not.toContain('pw@');
    }
    expect(`${r.stderr}${written}`).toMatch(/Bearer \[redacted\]/);
  });

  it('redactSecrets: the configured key, Bearer and sk- tokens, URL userinfo and fragments', () => {
    expect(redactSecrets(`x ${KEY} y`, [KEY])).toBe('x [redacted] y');
    expect(redactSecrets('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets(`token ${OTHER}.`)).toBe('token [redacted].');
    expect(redactSecrets('see https://bob:hunter2@h.example:8443/v1?x=1#secret')).toBe('see https://[redacted]@h.example:8443/v1?x=1#[redacted]');
    expect(redactSecrets('api_key=abcd1234efgh&x=1')).toBe('api_key=[redacted]&x=1');
  });

  it('redactURL drops the fragment as well as the credentials', () => {
    expect(redactURL('http://alice:pw@host:8080/v1#key=abc')).toBe('http://host:8080/v1');
  });
});
