import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { tempDir } from '../model/support/gateway-config.js';
import { runCli } from '../support/run-cli.js';

let server: OpenAIServer | undefined;
beforeEach(() => {
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'LITREV_MODEL', 'LITREV_OFFLINE', 'LITREV_STRUCTURED_METHOD', 'LITREV_CACHE_DIR', 'LITREV_CONTEXT_WINDOW', 'LITREV_MAX_TOKENS']) vi.stubEnv(name, '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('litrev doctor: what it knows of the endpoint', () => {
  it('shows the published context window, the parameters a reasoning model accepts, and the rate limits from headers', async () => {
    server = await startOpenAIServer({ publish: 'vllm', publishedWindow: 4096, reasoning: true, rateLimit: { requestsPerSecond: 50, tokensPerMinute: 100_000 } });
    const cwd = tempDir();
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model', '--json'], { cwd });
    const report = JSON.parse(r.stdout);
    expect(report.limits).toMatchObject({
      contextWindow: 4096,
      contextSource: 'published',
      params: { tokensField: 'max_completion_tokens', temperature: false },
      rateLimits: { limitRequests: 50, limitTokens: 100_000 },
    });
    expect(report.limits.adapted).toHaveLength(2);
    expect(report.method).toBe('json_schema');
    const text = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model'], { cwd });
    expect(text.stdout).toMatch(/context window: 4096 tokens \(published\)/);
    expect(text.stdout).toMatch(/parameters accepted: max_completion_tokens, no temperature/);
    expect(text.stdout).toMatch(/rate limits \(from headers\): \d+ of 50 requests left, \d+ of 100000 tokens left/);
    expect(text.stdout).toMatch(/output cap: unknown/);
  });
});
