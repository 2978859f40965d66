/**
 * Prompt tokens of a whole review against the tokens of the corpus itself (issue 12 §3: at most
 * 1.8x). Runs `litrev review` on a corpus (default: examples/corpus) against the local test server
 * with a fresh cache, counts every chat request's messages with the o200k tokenizer, and prints
 * the total per stage and the ratio to the corpus (title + abstract of every paper).
 *
 *   npm run bench:prompt-tokens [-- --corpus DIR] [-- --context-window N --max-tokens N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getEncoding } from 'js-tiktoken';
import { loadCorpus } from '../src/corpus/store.js';
import { fakeReviewer, stageOf } from '../test/support/fake-reviewer.js';
import { startOpenAIServer } from '../test/support/openai-server.js';
import { jsonOf, runCli } from '../test/support/run-cli.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../examples/corpus') },
    'context-window': { type: 'string' },
    'max-tokens': { type: 'string' },
  },
});
const enc = getEncoding('o200k_base');
const tokens = (text: string) => enc.encode(text).length;

const server = await startOpenAIServer({ handler: fakeReviewer() });
const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-prompt-tokens-'));
try {
  process.env.LITREV_CACHE_DIR = path.join(cwd, 'cache');
  if (values['max-tokens']) process.env.LITREV_MAX_TOKENS = values['max-tokens'];
  if (values['context-window']) process.env.LITREV_CONTEXT_WINDOW = values['context-window'];
  const r = await runCli(['review', path.resolve(values.corpus), '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'run'], { cwd });
  if (r.code !== 0) throw new Error(`review exited ${r.code}: ${r.stderr}`);
  const summary = jsonOf(r);
  const corpus = await loadCorpus(path.join(cwd, '.litrev'));
  if (!corpus) throw new Error('the review stored no corpus');
  const corpusText = corpus.papers.map((p) => `${p.title}\n${p.abstract}`);
  const corpusTokens = corpusText.reduce((s, t) => s + tokens(t), 0);
  const byStage = new Map<string, { requests: number; tokens: number }>();
  for (const req of server.chatRequests()) {
    const body = req.body ?? {};
    const messages = (body.messages as { content?: unknown }[] | undefined) ?? [];
    const t = messages.reduce((s, m) => s + tokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)), 0);
    const stage = stageOf({ schemaName: null, schema: schemaOf(body), messages: [], body } as never) ?? 'text';
    const s = byStage.get(stage) ?? { requests: 0, tokens: 0 };
    s.requests++;
    s.tokens += t;
    byStage.set(stage, s);
  }
  const total = [...byStage.values()].reduce((s, x) => s + x.tokens, 0);
  console.log(`corpus: ${summary.papers} papers, ${corpusTokens} tokens (o200k, title + abstract)`);
  for (const [stage, s] of [...byStage].sort((a, b) => b[1].tokens - a[1].tokens)) {
    console.log(`  ${stage.padEnd(20)} ${String(s.requests).padStart(4)} requests ${String(s.tokens).padStart(8)} prompt tokens  ${(s.tokens / corpusTokens).toFixed(2)}x`);
  }
  console.log(`prompt tokens of the review: ${total} = ${(total / corpusTokens).toFixed(2)}x the corpus (annotated ${summary.annotated}/${summary.papers}, exit ${r.code})`);
  // The same ratio in the test server's own count (4 characters a token), as run.json reports it.
  const corpusChars = corpusText.reduce((s, t) => s + Math.ceil(t.length / 4), 0);
  console.log(`as the server counts (run.json promptTokens ${summary.promptTokens} / corpus ${corpusChars}): ${(summary.promptTokens / corpusChars).toFixed(2)}x`);
} finally {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
}

function schemaOf(body: Record<string, unknown>): unknown {
  const rf = body.response_format as { json_schema?: { schema?: unknown } } | undefined;
  const tools = body.tools as { function?: { parameters?: unknown } }[] | undefined;
  return rf?.json_schema?.schema ?? tools?.[0]?.function?.parameters ?? null;
}

