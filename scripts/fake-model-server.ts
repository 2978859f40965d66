/**
 * A local OpenAI-compatible server answering every review stage, and ask/chat from the sources it is given
 * (extractive, with [@key] citations), deterministically (the same
 * stand-in the tests use), for trying the model path, the dashboard and the cache with no model:
 *
 *   npm run fake-model -- --latency 300      # prints the URL, e.g. http://127.0.0.1:PORT/v1
 *   npx litrev review examples/corpus --base-url http://127.0.0.1:PORT/v1 --model test-model
 *
 * To see how litrev copes with an endpoint that is not ideal: `--context-window N` (a 400 past N tokens,
 * or with `--truncate` the prompt silently cut, as Ollama does), `--publish-window N` (vLLM's
 * max_model_len), `--output-cap N`, `--reasoning` (400 for temperature and max_tokens), `--thinking`
 * (a <think> block before every answer), `--ignore-response-format` (json_schema accepted and ignored).
 *
 * It listens on 127.0.0.1 only and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { fakeModel } from '../test/support/fake-reviewer.js';
import { startOpenAIServer } from '../test/support/openai-server.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '0' },
    'rate-limit': { type: 'string' },
    'context-window': { type: 'string' },
    truncate: { type: 'boolean', default: false },
    'publish-window': { type: 'string' },
    'output-cap': { type: 'string' },
    reasoning: { type: 'boolean', default: false },
    thinking: { type: 'boolean', default: false },
    'ignore-response-format': { type: 'boolean', default: false },
  },
});
const server = await startOpenAIServer({
  latencyMs: Number(values.latency),
  ...(values['rate-limit'] ? { rateLimitPerSecond: Number(values['rate-limit']) } : {}),
  ...(values['context-window'] ? { contextWindow: { tokens: Number(values['context-window']), mode: values.truncate ? ('truncate' as const) : ('error' as const) } } : {}),
  ...(values['publish-window'] ? { publish: 'vllm' as const, publishedWindow: Number(values['publish-window']) } : {}),
  ...(values['output-cap'] ? { outputCap: { tokens: Number(values['output-cap']) } } : {}),
  reasoning: values.reasoning,
  thinking: values.thinking,
  ignoreResponseFormat: values['ignore-response-format'],
  handler: fakeModel(),
});
process.stdout.write(`${server.url}\n`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
