/**
 * A local OpenAI-compatible server answering every review stage, and ask/chat from the sources it is given
 * (extractive, with [@key] citations), deterministically (the same
 * stand-in the tests use), for trying the model path, the dashboard and the cache with no model:
 *
 *   npm run fake-model -- --latency 300      # prints the URL, e.g. http://127.0.0.1:PORT/v1
 *   npx litrev review examples/corpus --base-url http://127.0.0.1:PORT/v1 --model test-model
 *
 * It listens on 127.0.0.1 only and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { fakeModel } from '../test/support/fake-reviewer.js';
import { startOpenAIServer } from '../test/support/openai-server.js';

const { values } = parseArgs({
  options: { latency: { type: 'string', default: '0' }, 'rate-limit': { type: 'string' } },
});
const server = await startOpenAIServer({
  latencyMs: Number(values.latency),
  ...(values['rate-limit'] ? { rateLimitPerSecond: Number(values['rate-limit']) } : {}),
  handler: fakeModel(),
});
process.stdout.write(`${server.url}\n`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
