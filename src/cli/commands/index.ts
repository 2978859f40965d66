import type { CommandSpec } from '../command.js';
import { modelOptions } from '../global-options.js';

/**
 * The command table. Actions are imported lazily so `litrev --help` and `litrev ingest`
 * never load Ink, React or LangChain.
 */
export const commands: CommandSpec[] = [
  {
    name: 'ingest',
    summary: 'parse files or folders of abstracts, remove duplicates, store the corpus',
    usage: 'litrev ingest PATH... [--json]',
    description:
      'Reads scraped listing pages, BibTeX, RIS, CSV/TSV, JSON/JSONL, arXiv Atom, OpenAlex and plain-text files (detected by content), ' +
      'fixes encodings, merges duplicates and stores the corpus in the workspace so later commands can omit paths.',
    positionals: [{ name: 'PATH', description: 'files or folders (searched recursively)', required: true, variadic: true }],
    options: {},
    examples: ['litrev ingest examples/corpus', 'litrev ingest refs.bib export.ris --json'],
    load: async () => (await import('./ingest.js')).ingestAction,
  },
  {
    name: 'review',
    summary: 'the whole pipeline: classify, extract claims, build a taxonomy, write and verify a cited review',
    usage: 'litrev review [PATH...] [--topic TEXT] [--out DIR] [--prompts DIR] [--concurrency N] [--batch-size N]',
    positionals: [{ name: 'PATH', description: 'inputs to ingest first (default: the stored corpus)', variadic: true }],
    options: {
      ...modelOptions,
      topic: { type: 'string', valueName: 'TEXT', description: 'write a focused section on the papers relevant to TEXT' },
      out: { type: 'string', valueName: 'DIR', description: 'output folder (default ./runs/<run-id>)' },
      prompts: { type: 'string', multiple: true, valueName: 'DIR', description: 'prompt files overriding the built-in ones (repeat for a matrix run)' },
      'batch-size': { type: 'string', valueName: 'N', description: 'papers per classification request (default: set by a token budget)' },
      taxonomy: { type: 'string', valueName: 'FILE', description: 'apply this taxonomy (taxonomy.json format) instead of inducing one' },
      'dry-run': { type: 'boolean', description: 'estimate requests, tokens and cost, then stop' },
      'max-cost': { type: 'string', valueName: 'USD', description: 'refuse a run estimated above this cost, stop one that crosses it' },
      repeat: { type: 'string', valueName: 'N', description: 'sample every request N times and report agreement between repeats' },
      'batch-api': { type: 'boolean', description: "send the model requests through the provider's Batch API (half price, results within 24 h; resumable)" },
      'batch-fallback': { type: 'string', valueName: 'MODE', description: 'lines a batch did not answer: resubmit (default, in a new batch) | sync (send them directly)' },
    },
    examples: ['litrev review examples/corpus', 'litrev review --topic "KV cache compression" --json'],
    load: async () => (await import('./review.js')).reviewAction,
  },
  {
    name: 'ask',
    summary: 'answer one question about the corpus, with citations',
    usage: 'litrev ask QUESTION [--in PATH...]',
    positionals: [{ name: 'QUESTION', description: 'the question (quote it)', required: true, variadic: true }],
    options: {
      ...modelOptions,
      in: { type: 'string', multiple: true, valueName: 'PATH', description: 'corpus files or folders (default: the stored corpus)' },
      'top-k': { type: 'string', valueName: 'N', description: 'papers retrieved as context (default 8)' },
    },
    load: async () => (await import('./ask.js')).askAction,
  },
  {
    name: 'chat',
    summary: 'interactive questions about the corpus in the terminal',
    usage: 'litrev chat [--in PATH...]',
    positionals: [],
    options: {
      ...modelOptions,
      in: { type: 'string', multiple: true, valueName: 'PATH', description: 'corpus files or folders (default: the stored corpus)' },
      'top-k': { type: 'string', valueName: 'N', description: 'papers retrieved as context (default 8)' },
    },
    load: async () => (await import('./chat.js')).chatAction,
  },
  {
    name: 'runs',
    summary: 'list runs with their settings and costs',
    usage: 'litrev runs [--json]',
    positionals: [],
    options: {},
    load: async () => (await import('./runs.js')).runsAction,
  },
  {
    name: 'compare',
    summary: 'agreement and differences between two runs',
    usage: 'litrev compare RUN_A RUN_B [--json]',
    positionals: [
      { name: 'RUN_A', description: 'run id or run folder', required: true },
      { name: 'RUN_B', description: 'run id or run folder', required: true },
    ],
    options: {},
    load: async () => (await import('./compare.js')).compareAction,
  },
  {
    name: 'cache',
    summary: 'inspect and maintain the response cache',
    usage: 'litrev cache stats|verify|prune [--older-than DAYS] [--cache-dir DIR]',
    positionals: [{ name: 'ACTION', description: 'stats | verify | prune', required: true }],
    options: {
      'cache-dir': modelOptions['cache-dir']!,
      'older-than': { type: 'string', valueName: 'DAYS', description: 'prune: remove entries not used for DAYS days' },
      corrupt: { type: 'boolean', description: 'prune: remove only corrupt entries' },
    },
    load: async () => (await import('./cache.js')).cacheAction,
  },
  {
    name: 'batches',
    summary: 'list the Batch API jobs litrev started (stage, status, counts), or cancel one',
    usage: 'litrev batches [cancel ID] [--json]',
    positionals: [
      { name: 'ACTION', description: 'cancel (default: list)' },
      { name: 'ID', description: 'the batch to cancel' },
    ],
    options: { 'base-url': modelOptions['base-url']!, 'cache-dir': modelOptions['cache-dir']!, model: modelOptions.model! },
    load: async () => (await import('./batches.js')).batchesAction,
  },
  {
    name: 'doctor',
    summary: 'check the configured endpoint: reachable, key accepted, model listed, structured-output methods',
    usage: 'litrev doctor [--model NAME] [--base-url URL] [--json]',
    positionals: [],
    options: { ...modelOptions },
    load: async () => (await import('./doctor.js')).doctorAction,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}
