import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { fakeReviewerAnswer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function folder(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-endpoint-config-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('a base URL fetch cannot use is a configuration error at once', () => {
  const cases: [string, RegExp][] = [
    ['http://alice:pw@127.0.0.1:8080/v1', /credentials in the URL/],
    ['http://127.0.0.1:9/v1', /port 9, which fetch refuses/],
    ['http://127.0.0.1:6000/v1', /port 6000, which fetch refuses/],
    ['ftp://127.0.0.1/v1', /http or https/],
    ['file:///etc/passwd', /http or https/],
  ];
  for (const [url, why] of cases) {
    it(`${url}: exit 2 before any request`, async () => {
      const cwd = await folder({ 'p.csv': 'title,abstract\nA Paper,An abstract about things.\n' });
      expect(() => loadConfig({ cwd, env: { OPENAI_BASE_URL: url } })).toThrow(why);
      const r = await runCli(['review', 'p.csv', '--base-url', url, '--plain', '--out', 'out'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toContain('pw');
    });
  }
  it('an ordinary URL is accepted', () => {
    expect(loadConfig({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' } }).model.baseURL).toBe('http://127.0.0.1:8080/v1');
  });
});

describe('a base URL from .env or a config file while the key comes from the environment is named', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({
      handler: (info) => {
        if (info.method === 'text') return undefined;
        const json = fakeReviewerAnswer(info);
        return json === null ? undefined : { json };
      },
    });
  });
  afterAll(() => server.close());

  it('loadConfig says where the endpoint came from', async () => {
    const cwd = await folder({ '.env': 'OPENAI_BASE_URL=http://127.0.0.1:8081/v1\n' });
    const config = loadConfig({ cwd, env: { OPENAI_API_KEY: 'sk-real-key-from-the-shell-000' } });
    expect(config.endpointWarning).toMatch(/http:\/\/127\.0\.0\.1:8081\/v1 comes from .*\.env.* OPENAI_API_KEY .*environment/);
    const fromFile = await folder({ 'litrev.config.json': '{"baseUrl":"http://127.0.0.1:8082/v1"}' });
    expect(loadConfig({ cwd: fromFile, env: { OPENAI_API_KEY: 'sk-real-key-from-the-shell-000' } }).endpointWarning).toMatch(/litrev\.config\.json/);
    expect(loadConfig({ cwd, env: {} }).endpointWarning).toBeUndefined();
    expect(loadConfig({ cwd, env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:8083/v1' } }).endpointWarning).toBeUndefined();
  });

  it('review --json names it on stderr and in the JSON', async () => {
    const cwd = await folder({ '.env': `OPENAI_BASE_URL=${server.url}\n`, 'p.csv': 'title,abstract\nA Paper,An abstract about the measured things in 2 ways.\n' });
    process.env.OPENAI_API_KEY = 'sk-real-key-from-the-shell-000';
    try {
      const r = await runCli(['review', 'p.csv', '--json', '--model', 'test-model', '--cache-dir', 'cache', '--out', 'out'], { cwd });
      expect(r.stderr).toMatch(/comes from .*\.env/);
      expect(JSON.stringify(jsonOf(r).warnings)).toMatch(/comes from .*\.env/);
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });
});
