import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/model/create-gateway.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, testConfig } from './support/gateway-config.js';

let servers: OpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
const start = async (o: Parameters<typeof startOpenAIServer>[0]) => {
  const s = await startOpenAIServer(o);
  servers.push(s);
  return s;
};
const ask = (content = 'q') => ({ stage: 'answer', messages: [{ role: 'user' as const, content }] });
/** Deadlines short enough for a test: 600 ms in all, 200 ms of silence; no retries. */
const DEADLINES = { LITREV_TIMEOUT_MS: '600', LITREV_IDLE_TIMEOUT_MS: '200' };

describe('deadlines on every response body', () => {
  it('a body that trickles one byte at a time fails on the total deadline instead of hanging', async () => {
    const server = await start({ trickle: { intervalMs: 50, bytes: 1 } });
    const gw = await createGateway(testConfig({ url: server.url, env: DEADLINES, flags: { 'max-retries': '0' } }), { retry: FAST_RETRY });
    await expect(gw.text(ask())).rejects.toThrow(/timed out/);
  });

  it('a stream that sends only keep-alive comments fails on the idle deadline', async () => {
    const server = await start({ trickle: { intervalMs: 30, keepAliveOnly: true } });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_TIMEOUT_MS: '5000', LITREV_IDLE_TIMEOUT_MS: '300' }, flags: { 'max-retries': '0' } }), { retry: FAST_RETRY });
    await expect(gw.text({ ...ask(), onToken: () => undefined })).rejects.toThrow(/timed out/);
  });

  it('an embeddings body that trickles fails too', async () => {
    const server = await start({ trickle: { intervalMs: 50, bytes: 1 } });
    const gw = await createGateway(testConfig({ url: server.url, env: DEADLINES, flags: { 'max-retries': '0' } }), { retry: FAST_RETRY });
    await expect(gw.embed(['a text'])).rejects.toThrow(/timed out/);
  });

  it('a body that trickles fast enough is read whole', async () => {
    const server = await start({ trickle: { intervalMs: 2, bytes: 256 } });
    const gw = await createGateway(testConfig({ url: server.url, env: { LITREV_TIMEOUT_MS: '5000', LITREV_IDLE_TIMEOUT_MS: '1000' } }), { retry: FAST_RETRY });
    expect((await gw.text(ask())).text).toMatch(/^Test reply/);
  });
});

describe('redirects', () => {
  it('a redirect to another origin is refused with an error naming the target; nothing reaches it', async () => {
    const other = await start({});
    const origin = new URL(other.url).origin.replace('127.0.0.1', 'localhost');
    const server = await start({ redirectTo: origin });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await expect(gw.text(ask())).rejects.toMatchObject({ name: 'ModelFatalError', message: expect.stringContaining(`${origin}/v1/chat/completions`) });
    expect(other.requests).toHaveLength(0);
  });

  it('a same-origin redirect is followed', async () => {
    const server = await start({});
    const gw = await createGateway(testConfig({ url: server.movedURL }), { retry: FAST_RETRY });
    expect((await gw.text(ask())).text).toMatch(/^Test reply/);
    expect(server.chatRequests()).toHaveLength(1);
  });
});
