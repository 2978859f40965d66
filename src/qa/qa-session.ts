import type { Config } from '../config/schema.js';
import { resolveCorpus } from '../corpus/resolve-corpus.js';
import { readCorpusHead, storedPapers } from '../corpus/store.js';
import type { Accounting, ModelGateway } from '../model/types.js';
import { loadPrompt } from '../prompts/load-prompts.js';
import type { PromptFile } from '../prompts/prompt-file.js';
import { createCorpusTable, type CorpusTable } from '../query/corpus-table.js';
import { createRetriever, type RetrieverOptions } from '../retrieval/create-retriever.js';
import { loadRunNotes } from '../retrieval/load-run-notes.js';
import type { Hit, Retriever } from '../retrieval/types.js';
import { answerQuestion } from './answer-question.js';
import { createCandidateRetriever } from './candidate-retriever.js';
import { openStoredTable } from './stored-table.js';

/** Corpora of this many papers or more rank lookups over candidates (see candidate-retriever.ts). */
const CANDIDATES_FROM = 20_000;
import type { AnswerResult, QaTurn } from './types.js';

export interface QaSessionOptions {
  config: Config;
  /** --in paths; empty: the corpus stored by `litrev ingest`. */
  paths: string[];
  topK: number;
  /** Rows a list answer shows (the rest: "and M more"; all of them in JSON). */
  shown?: number;
  /** A conversation to continue (`ask --follow-up`): its turns and the last answer's papers. */
  resume?: { history: QaTurn[]; papers: string[] };
  signal?: AbortSignal;
  /** Ingest problems and retrieval fallbacks, one line each. */
  onWarning?: (message: string) => void;
}

/** A conversation about one corpus: ask and chat both run on it. */
export interface QaSession {
  readonly engine: 'offline' | 'model';
  /** Why this engine answers ("--offline was given", "model endpoint ..."). */
  readonly engineReason: string;
  readonly model: string | null;
  /** The corpus answered about: its hash and number of papers. */
  readonly corpus: { hash: string; size: number };
  /** The review run whose annotations are indexed too, if any. */
  readonly annotationsFrom: string | null;
  readonly history: readonly QaTurn[];
  /** Sources of the last answer (what /sources shows). */
  readonly lastSources: readonly Hit[];
  /** Keys of the last answer's papers: what a follow-up's "these" and "it" refer to. */
  readonly lastPapers: readonly string[];
  readonly table: CorpusTable;
  ask(question: string, options?: { onToken?: (delta: string) => void; signal?: AbortSignal }): Promise<AnswerResult>;
  accounting(): Accounting | null;
  close(): Promise<void>;
}

/**
 * Open a Q&A session: load the corpus (`--in` paths are read without storing them), the newest
 * review's annotations over the same corpus, the model gateway (unless offline) and the answer
 * prompt, and build the retriever (hybrid when the endpoint has embeddings).
 */
export async function openQaSession(options: QaSessionOptions): Promise<QaSession> {
  const { config } = options;
  // The stored corpus is answered from its store on disk, without reading every paper (see stored-table.ts).
  const stat = options.paths.length === 0 ? await readCorpusHead(config.workspaceDir) : null;
  const head = stat && stat.count > 0 ? stat : null;
  const resolved = head ? null : await resolveCorpus(config, options.paths, { store: false, signal: options.signal });
  for (const s of resolved?.report?.skipped ?? []) options.onWarning?.(`skipped ${s.path}: ${s.reason}`);
  const corpus = head ? { hash: head.hash, size: head.count } : { hash: resolved!.corpus.hash, size: resolved!.corpus.papers.length };
  const notes = await loadRunNotes(config.runsDir, corpus.hash);

  let gateway: ModelGateway | null = null;
  let prompt: PromptFile | undefined;
  let planPrompt: PromptFile | undefined;
  let rowsPrompt: PromptFile | undefined;
  if (config.engine === 'model') {
    prompt = await loadPrompt('answer', config.promptDirs[0]);
    planPrompt = await loadPrompt('plan', config.promptDirs[0]);
    rowsPrompt = await loadPrompt('answer-rows', config.promptDirs[0]);
    const { createGateway } = await import('../model/create-gateway.js');
    gateway = await createGateway(config, { signal: options.signal });
  }
  const g = gateway;
  // Papers read with --in are held and indexed in memory.
  const stored = head ? await openStoredTable(config.workspaceDir, { ...corpus, papers: () => storedPapers(config.workspaceDir) }, notes) : null;
  const table = stored?.table ?? createCorpusTable(resolved!.corpus.papers, { notes: notes?.notes });
  const retrieverOptions = { annotations: notes?.notes, embed: g ? (texts: string[], signal?: AbortSignal) => g.embed(texts, signal) : undefined, onWarning: options.onWarning };
  // A large corpus ranks lookups over candidates from the table's index; a small one indexes every paper (lazily).
  const retriever: Retriever =
    corpus.size >= CANDIDATES_FROM ? createCandidateRetriever(table, retrieverOptions) : resolved ? createRetriever(resolved.corpus.papers, retrieverOptions) : wholeTableRetriever(table, retrieverOptions);

  const history: QaTurn[] = [...(options.resume?.history ?? [])];
  let lastSources: readonly Hit[] = [];
  let lastPapers: readonly string[] = options.resume?.papers ?? [];
  return {
    engine: config.engine,
    engineReason: config.engineReason,
    model: g ? g.modelName : null,
    corpus,
    annotationsFrom: notes?.runId ?? null,
    get history() {
      return history;
    },
    get lastSources() {
      return lastSources;
    },
    get lastPapers() {
      return lastPapers;
    },
    table,
    async ask(question, askOptions = {}) {
      const result = await answerQuestion({
        question,
        history,
        retriever,
        gateway: g,
        prompt,
        topK: options.topK,
        table,
        previousKeys: lastPapers,
        shown: options.shown,
        planPrompt,
        rowsPrompt,
        onToken: askOptions.onToken,
        onWarning: options.onWarning,
        signal: askOptions.signal ?? options.signal,
      });
      history.push({ question, answer: result.answer });
      lastSources = result.sources;
      if (result.papers && result.papers.length > 0) lastPapers = result.papers;
      return result;
    },
    accounting: () => (g ? g.accounting() : null),
    close: async () => {
      stored?.close();
      await g?.close();
    },
  };
}

/** BM25 over every paper of the table, its papers read on the first search (a session of list questions reads none). */
function wholeTableRetriever(table: CorpusTable, options: RetrieverOptions): Retriever {
  let retriever: Retriever | null = null;
  const get = () => (retriever ??= createRetriever(Array.from({ length: table.size }, (_, i) => table.paper(i)), options));
  return {
    size: table.size,
    search: (query, k, searchOptions) => get().search(query, k, searchOptions),
    idf: (term) => get().idf(term),
    usedEmbeddings: () => retriever?.usedEmbeddings() ?? false,
  };
}
