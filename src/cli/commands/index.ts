import type { CommandSpec } from '../command.js';
import { corpusOptions, modelOptions, pickOptions, singleModelOption } from '../global-options.js';

/** `ask` and `chat` send plain-text answers one at a time: no matrix, no concurrency, no structured output. */
const qaOptions = pickOptions(['model', 'base-url', 'offline', 'cache', 'cache-dir', 'temperature', 'seed', 'max-retries'], { model: singleModelOption });

/**
 * The command table. Actions are imported lazily so `litrev --help` and `litrev ingest`
 * never load Ink, React or LangChain.
 */
export const commands: CommandSpec[] = [
  {
    name: 'ingest',
    summary: 'parse files or folders of abstracts, remove duplicates, store the corpus',
    usage: 'litrev ingest PATH... [--replace] [--map FIELD="Column"] [--require-abstract] [--json]',
    description:
      'Reads scraped listing pages, BibTeX, RIS, PubMed MEDLINE (.nbib), CSV/TSV, JSON/JSONL, CSL-JSON, arXiv Atom, OpenAlex and plain-text ' +
      'files (detected by content), fixes encodings, merges duplicates and adds the papers to the corpus stored in the workspace, so later ' +
      "commands can omit paths. Folder walks pass over litrev's own outputs (runs, cache, workspace, any folder holding a run.json), " +
      'VCS and dependency folders.',
    positionals: [{ name: 'PATH', description: 'files or folders (searched recursively)', required: true, variadic: true }],
    options: { replace: { type: 'boolean', description: 'start the stored corpus anew instead of adding to it' }, ...corpusOptions },
    examples: ['litrev ingest examples/corpus', 'litrev ingest refs.bib export.ris --json', 'litrev ingest sheet.csv --map title="Paper Name" --map abstract="Summary text"'],
    load: async () => (await import('./ingest.js')).ingestAction,
  },
  {
    name: 'review',
    summary: 'the whole pipeline: classify, extract claims, build a taxonomy, write and verify a cited review',
    usage: 'litrev review [PATH...] [--topic TEXT] [--criteria FILE] [--out DIR] [--prompts DIR] [--concurrency N] [--batch-size N]',
    positionals: [{ name: 'PATH', description: 'inputs to ingest first (default: the stored corpus)', variadic: true }],
    options: {
      ...modelOptions,
      topic: {
        type: 'string',
        valueName: 'TEXT',
        description: 'screen every paper for relevance to TEXT first (decision and reason recorded per paper), then review only the relevant ones; offline, papers are ranked by their match and none is set aside',
      },
      criteria: { type: 'string', valueName: 'FILE', description: 'screen by inclusion/exclusion criteria (YAML or Markdown) first; offline, only an exclusion criterion met by the title excludes' },
      out: { type: 'string', valueName: 'DIR', description: 'output folder (default ./runs/<run-id>)' },
      prompts: { type: 'string', multiple: true, valueName: 'DIR', description: 'prompt files overriding the built-in ones (repeat for a matrix run)' },
      'batch-size': { type: 'string', valueName: 'N', description: 'papers per classification request (default: set by a token budget)' },
      taxonomy: { type: 'string', valueName: 'FILE', description: 'apply this taxonomy (taxonomy.json format) instead of inducing one' },
      'dry-run': { type: 'boolean', description: 'estimate requests, tokens and cost, then stop' },
      strict: { type: 'boolean', description: 'remove a sentence with a number no cited abstract supports (default: mark it)' },
      'max-cost': { type: 'string', valueName: 'USD', description: 'refuse a run estimated above this cost, stop one that crosses it' },
      repeat: { type: 'string', valueName: 'N', description: 'sample every request N times and report agreement between repeats' },
      ...corpusOptions,
      'batch-api': { type: 'boolean', description: "send the model requests through the provider's Batch API (half price, results within 24 h; resumable)" },
      'batch-fallback': { type: 'string', valueName: 'MODE', description: 'lines a batch did not answer: resubmit (default, in a new batch) | sync (send them directly)' },
    },
    examples: ['litrev review examples/corpus', 'litrev review --topic "KV cache compression" --json', 'litrev review --criteria criteria.yaml'],
    load: async () => (await import('./review.js')).reviewAction,
  },
  {
    name: 'ask',
    summary: 'answer one question about the corpus, with citations',
    usage: 'litrev ask QUESTION [--in PATH...]',
    positionals: [{ name: 'QUESTION', description: 'the question (quote it)', required: true, variadic: true }],
    options: {
      ...qaOptions,
      in: { type: 'string', multiple: true, valueName: 'PATH', description: 'corpus files or folders (default: the stored corpus)' },
      'top-k': { type: 'string', valueName: 'N', description: 'papers retrieved as context (default 8)' },
      show: { type: 'string', valueName: 'N', description: 'papers a list or count answer shows (default 10; --json has all)' },
      'follow-up': { type: 'boolean', description: 'continue the last ask: "these", "it" refer to its papers' },
    },
    load: async () => (await import('./ask.js')).askAction,
  },
  {
    name: 'chat',
    summary: 'interactive questions about the corpus in the terminal',
    usage: 'litrev chat [--in PATH...]',
    positionals: [],
    options: {
      ...qaOptions,
      in: { type: 'string', multiple: true, valueName: 'PATH', description: 'corpus files or folders (default: the stored corpus)' },
      'top-k': { type: 'string', valueName: 'N', description: 'papers retrieved as context (default 8)' },
    },
    load: async () => (await import('./chat.js')).chatAction,
  },
  {
    name: 'corpus',
    summary: 'the stored corpus: list its sources with their counts, or remove one',
    usage: 'litrev corpus [list|remove SOURCE] [--json]',
    positionals: [
      { name: 'ACTION', description: 'list (default) | remove' },
      { name: 'SOURCE', description: 'remove: the file or folder as it was ingested' },
    ],
    options: {},
    examples: ['litrev corpus', 'litrev corpus remove examples/corpus'],
    load: async () => (await import('./corpus.js')).corpusAction,
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
    name: 'eval',
    summary: 'agreement of runs with hand labels: screening recall, contribution-type kappa, category NMI/ARI',
    usage: 'litrev eval RUN... --gold FILE [--by METRIC] [--seed N] [--out FILE] [--json]',
    description:
      'Matches the rows of a gold file (CSV, TSV or JSONL; from `litrev label` or a spreadsheet) to each run\'s papers by key, id, doi or title, ' +
      'and reports per run: screening recall, precision, specificity and F1 with every relevant paper excluded; contribution-type accuracy, ' +
      "Cohen's kappa, macro-F1, per-class scores and confusion; category NMI, ARI and best-mapping accuracy; all with seeded 95% bootstrap intervals.",
    positionals: [{ name: 'RUN', description: 'run ids or run folders', required: true, variadic: true }],
    options: {
      gold: { type: 'string', valueName: 'FILE', description: 'hand labels: key/id/doi/title plus contributionType, category, relevant' },
      by: { type: 'string', valueName: 'METRIC', description: 'rank runs by recall|precision|specificity|f1|accuracy|kappa|macroF1|nmi|ari|mappedAccuracy' },
      seed: { type: 'string', valueName: 'N', description: 'bootstrap seed (default 1)' },
      out: { type: 'string', valueName: 'FILE', description: 'also write the Markdown report to FILE' },
    },
    examples: ['litrev eval runs/A runs/B --gold labels.jsonl --by recall', 'litrev eval latest-run --gold gold.csv --json'],
    load: async () => (await import('./eval.js')).evalAction,
  },
  {
    name: 'label',
    summary: 'hand-label papers in the terminal, likely relevant first; every decision saved at once; --simulate replays a gold file',
    usage: 'litrev label [--run RUN] [--out FILE] [--sample N --seed S] [--order ranked|random] | litrev label --simulate GOLD [--seed S] [--order ...]',
    description:
      'Shows the stored corpus one paper at a time (title, authors, year, abstract; with --run the run\'s decision and category as a suggestion). ' +
      'Keys label the paper shown and stay on it: i include, e exclude, u unsure, 1-7 contribution type; Enter/n next, p previous, j/k scroll, z undo, / find by key, q quit. ' +
      'Every decision is written at once to FILE (default labels.jsonl), which `litrev eval --gold` reads; starting again resumes. ' +
      'Order: ranked (default) shows next the paper a relevance model (TF-IDF and a linear SVM, retrained on your labels) ranks highest, with a run\'s criteria answers as features; ' +
      'the screen shows relevant papers found, an estimate of those left and when the stopping rule says you may stop. ' +
      'random (the default with --sample) is a seeded random order, the run\'s least certain papers first. ' +
      '--simulate GOLD replays the gold file\'s relevant labels in that order from one relevant and one irrelevant paper chosen by --seed, and reports WSS@95 and recall after 10/20/30% read. ' +
      'Needs a terminal, except --simulate.',
    positionals: [],
    options: {
      run: { type: 'string', valueName: 'RUN', description: "show this run's decisions as suggestions and use its criteria answers as ranking features" },
      out: { type: 'string', valueName: 'FILE', description: 'labels file (default labels.jsonl; resumed when it exists)' },
      sample: { type: 'string', valueName: 'N', description: 'label a seeded random sample of N papers' },
      seed: { type: 'string', valueName: 'S', description: 'seed of the random order, the model and the simulation priors (default 1)' },
      order: { type: 'string', valueName: 'ranked|random', description: 'ranked: likely relevant first (default); random: seeded random order (default with --sample)' },
      simulate: { type: 'string', valueName: 'GOLD', description: "replay GOLD's relevant labels in litrev's order and report WSS@95 and recall@10/20/30%" },
    },
    examples: ['litrev label --out screening.jsonl', 'litrev label --sample 50 --seed 7 --out gold.jsonl', 'litrev label --simulate gold.csv --json --seed 3'],
    load: async () => (await import('./label.js')).labelAction,
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
    options: pickOptions(['model', 'base-url', 'structured-method', 'cache-dir', 'max-retries'], { model: singleModelOption }),
    load: async () => (await import('./doctor.js')).doctorAction,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}
