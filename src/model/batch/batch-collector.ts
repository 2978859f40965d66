import { redactSecrets } from '../../config/redact.js';
import { classifyError } from '../classify-error.js';
import { ModelRequestError } from '../model-errors.js';
import type { ChatBody } from '../structured-method.js';
import type { ChatResponse } from '../transport.js';
import type { BatchClient, BatchInfo } from './batch-client.js';
import { BatchInterruptedError, BatchLineError } from './batch-errors.js';
import type { BatchStatusEvent } from './batch-events.js';
import { splitIntoFiles, type FileLimits } from './batch-files.js';
import { foreignNames } from './answer-matches.js';
import { bodyId, customId, parseResultLine, requestLine, type LineResult } from './batch-line.js';
import { isFinal, readRegistry, saveRecord, withInfo, type BatchRecord } from './batch-registry.js';
import { chatResponseOf } from './completion-reply.js';
import { schemaNameOf, submitFile } from './batch-submit.js';
import { waitForBatch } from './wait-for-batch.js';

export interface CollectorOptions {
  client: () => Promise<BatchClient>;
  endpoint: string;
  model: string;
  /** The cache's registry (read to re-attach, written) and the run folder's copy (written). */
  registry: string;
  runRegistry?: string;
  /** Flush once no request arrived for this long, or as soon as `maxWaiting` requests wait. */
  quietMs: number;
  maxWaiting: number;
  poll: { initialMs: number; maxMs: number };
  /** Batches a request may go through before it fails for good (resubmit) or goes synchronous (sync). */
  maxRounds: number;
  fallback: 'resubmit' | 'sync';
  /** One synchronous request (fallback sync). */
  sync: (body: ChatBody) => Promise<ChatResponse>;
  signal?: AbortSignal;
  emit: (event: BatchStatusEvent) => void;
  /** A line goes round again (next batch or synchronous): counted as a retry and a request sent. */
  onRetry: (stage: string, attempt: number, reason: string) => void;
  /** The stage names of the requests that arrived since the last flush. */
  takeStages: () => string[];
  limits?: FileLimits;
}

interface Waiting {
  body: ChatBody;
  id: string;
  stage: string | null;
  rounds: number;
  resolve: (res: ChatResponse) => void;
  reject: (err: unknown) => void;
}

interface Outcome {
  info: BatchInfo;
  record: BatchRecord;
  results: Map<string, LineResult>;
}

/**
 * Gathers the chat requests a stage issues into provider batches. Requests wait until none arrived
 * for a quiet period; then each is matched against the registry (a line of a batch an earlier run
 * started is collected from that batch, not paid again), and the rest are written as JSONL, uploaded
 * and started as new batches (split at 50,000 lines / 200 MB). Every request is resolved with its
 * output line; a line the provider did not run (expired, cancelled) or answered with a transient
 * error goes into the next batch (or is sent synchronously with fallback `sync`); a line answered
 * with a request error (400...) rejects with that error, for the gateway's usual handling.
 */
export class BatchCollector {
  private waiting: Waiting[] = [];
  private readonly open = new Set<Waiting>();
  private readonly watched = new Map<string, Promise<Outcome>>();
  private readonly running = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly delayed = new Set<NodeJS.Timeout>();
  private interrupted: BatchInterruptedError | null = null;

  constructor(private readonly o: CollectorOptions) {
    o.signal?.addEventListener('abort', () => this.interrupt(), { once: true });
  }

  /** Resolves with the request's answer once its batch is done. */
  add(body: ChatBody): Promise<ChatResponse> {
    if (this.interrupted) return Promise.reject(this.interrupted);
    return new Promise((resolve, reject) => {
      const w: Waiting = { body, id: bodyId(body), stage: null, rounds: 0, resolve, reject };
      this.open.add(w);
      this.enqueue(w);
    });
  }

  private enqueue(w: Waiting): void {
    this.waiting.push(w);
    clearTimeout(this.timer);
    if (this.waiting.length >= this.o.maxWaiting) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.o.quietMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0 || this.interrupted) return;
    const fresh = this.o.takeStages().join('+');
    for (const w of group) w.stage ??= fresh || schemaNameOf(w.body);
    this.dispatch(group).catch((err: unknown) => {
      for (const w of group) this.settle(w, () => w.reject(err));
    });
  }

  /** Match requests to batches already started (registry), submit the rest, and settle each. */
  private async dispatch(group: Waiting[]): Promise<void> {
    const byCustom = new Map<string, Waiting>();
    const occurrences = new Map<string, number>();
    for (const w of group) {
      const n = occurrences.get(w.id) ?? 0;
      occurrences.set(w.id, n + 1);
      byCustom.set(customId(w.id, n), w);
    }
    const known = await this.reusable();
    const attach = new Map<BatchRecord, Map<string, Waiting>>();
    const submit: { custom: string; w: Waiting; line: string }[] = [];
    for (const [custom, w] of byCustom) {
      const record = w.rounds === 0 ? known.get(custom) : undefined;
      if (record) {
        if (!attach.has(record)) attach.set(record, new Map());
        attach.get(record)!.set(custom, w);
      } else submit.push({ custom, w, line: requestLine(custom, w.body) });
    }
    // Each job handles its own failure at once: it may fail while later files are still being uploaded.
    const failAll = (lines: Map<string, Waiting>) => (err: unknown) => {
      for (const w of lines.values()) this.settle(w, () => w.reject(err));
    };
    const jobs = [...attach].map(([record, lines]) => this.collect(record, lines, true).catch(failAll(lines)));
    const files = splitIntoFiles(submit, this.o.limits);
    for (const [i, file] of files.entries()) {
      const stage = [...new Set(file.map((l) => l.w.stage))].join('+');
      let info: BatchInfo;
      try {
        info = await submitFile(await this.o.client(), `${file.map((l) => l.line).join('\n')}\n`, `litrev-${stage.replace(/[^a-z0-9+_-]/gi, '_')}.jsonl`, { litrev: stage });
      } catch (err) {
        // The files already started keep their jobs; this one and the rest fail (the gateway may send them again).
        failAll(new Map(files.slice(i).flat().map((l) => [l.custom, l.w])))(err);
        break;
      }
      const now = new Date().toISOString();
      const record: BatchRecord = { id: info.id, endpoint: this.o.endpoint, model: this.o.model, stage, status: info.status, total: info.total, completed: 0, failed: 0, createdAt: now, updatedAt: now, lines: file.map((l) => l.custom) };
      await this.save(record);
      const lines = new Map(file.map((l) => [l.custom, l.w]));
      jobs.push(this.collect(record, lines, false).catch(failAll(lines)));
    }
    await Promise.all(jobs);
  }

  /** The newest usable batch for every custom_id an earlier run submitted to this endpoint and model. */
  private async reusable(): Promise<Map<string, BatchRecord>> {
    const records = await readRegistry(this.o.registry).catch(() => []);
    const out = new Map<string, BatchRecord>();
    for (const r of [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if (r.endpoint !== this.o.endpoint || r.model !== this.o.model || r.status === 'failed' || r.collected) continue;
      for (const line of r.lines) out.set(line, r);
    }
    return out;
  }

  /** Wait for a batch, then settle each of its requests from the output and error files. */
  private async collect(record: BatchRecord, lines: Map<string, Waiting>, resumed: boolean): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.watch(record, resumed);
    } catch (err) {
      if (this.interrupted) return;
      throw err;
    }
    if (outcome.info.status === 'failed') {
      // Refused as a whole (an invalid file, or the provider's queue is full): its lines go round again, within maxRounds.
      const why = `batch ${record.id} failed: ${outcome.info.errors.join('; ') || 'the provider refused the input file'}`;
      for (const w of lines.values()) this.retry(w, why, this.o.poll.maxMs);
    } else {
      for (const [custom, w] of lines) this.settleLine(w, outcome.results.get(custom), record.id);
    }
    await this.save({ ...outcome.record, collected: true });
  }

  private settleLine(w: Waiting, result: LineResult | undefined, batchId: string): void {
    if (!result) return this.retry(w, `no answer for this request in batch ${batchId}`);
    if (result.kind === 'not-run') return this.retry(w, redactSecrets(`${result.code}: ${result.message}`));
    if (result.status >= 200 && result.status < 300) {
      const response = chatResponseOf(result.body);
      // An answer that names papers its request does not hold was filed under the wrong request: never used or
      // cached; the request is sent synchronously instead.
      const foreign = response ? foreignNames(w.body, response) : null;
      if (foreign) return this.sendSync(w, `batch ${batchId}: ${foreign}`);
      if (response) return this.settle(w, () => w.resolve(response));
      return this.retry(w, `batch ${batchId} answered with something that is not a chat completion`);
    }
    const error = new BatchLineError(result.status, result.body);
    const cls = classifyError(error, { endpoint: this.o.endpoint, model: this.o.model });
    if (cls.type === 'transient' || cls.type === 'rate-limited') return this.retry(w, `HTTP ${result.status}: ${redactSecrets(error.message)}`);
    this.settle(w, () => w.reject(error));
  }

  /** The request sent synchronously (an answer of the batch could not be trusted). */
  private sendSync(w: Waiting, reason: string): void {
    if (this.interrupted) return;
    w.rounds++;
    this.o.onRetry(w.stage ?? '', w.rounds + 1, reason);
    this.o.sync(w.body).then(
      (res) => this.settle(w, () => w.resolve(res)),
      (err: unknown) => this.settle(w, () => w.reject(err)),
    );
  }

  /** A line that was not answered: into the next batch (after `delayMs`), or synchronous, or failed after `maxRounds`. */
  private retry(w: Waiting, reason: string, delayMs = 0): void {
    if (this.interrupted) return;
    if (this.o.fallback === 'sync') return this.sendSync(w, reason);
    w.rounds++;
    if (w.rounds >= this.o.maxRounds) {
      const err = new ModelRequestError(`batch line not answered after ${w.rounds} batches (last: ${reason})`, { exhausted: true });
      return this.settle(w, () => w.reject(err));
    }
    this.o.onRetry(w.stage ?? '', w.rounds + 1, reason);
    if (delayMs <= 0) return this.enqueue(w);
    const t = setTimeout(() => {
      this.delayed.delete(t);
      this.enqueue(w);
    }, delayMs);
    this.delayed.add(t);
  }

  /** One poller per batch id, however many requests wait on it. */
  private watch(record: BatchRecord, resumed: boolean): Promise<Outcome> {
    let p = this.watched.get(record.id);
    if (!p) {
      p = this.poll(record, resumed).finally(() => this.watched.delete(record.id));
      this.watched.set(record.id, p);
    }
    return p;
  }

  private async poll(record: BatchRecord, resumed: boolean): Promise<Outcome> {
    const client = await this.o.client();
    this.running.add(record.id);
    let current = record;
    try {
      const info = await waitForBatch(client, record.id, {
        ...this.o.poll,
        ...(this.o.signal ? { signal: this.o.signal } : {}),
        onChange: (i, etaMs) => {
          current = withInfo(current, i);
          void this.save(current);
          this.o.emit({ type: 'batch-status', batchId: i.id, stage: record.stage, status: i.status, total: i.total, completed: i.completed, failed: i.failed, resumed, etaMs });
        },
      });
      const results = new Map<string, LineResult>();
      for (const fileId of [info.errorFileId, info.outputFileId]) {
        if (!fileId) continue;
        // Streamed line by line; only lines of this batch are kept (a file of other lines or of runaway size holds nothing else).
        const wanted = new Set(record.lines);
        await client.download(fileId, (line) => {
          const r = parseResultLine(line);
          if (r && wanted.has(r.customId)) results.set(r.customId, r);
        });
      }
      return { info, results, record: current };
    } finally {
      if (isFinal(current.status)) this.running.delete(record.id);
    }
  }

  private save(record: BatchRecord): Promise<void> {
    return saveRecord(this.o.runRegistry ? [this.o.registry, this.o.runRegistry] : [this.o.registry], record).catch(() => undefined);
  }

  private settle(w: Waiting, fn: () => void): void {
    if (!this.open.delete(w)) return;
    fn();
  }

  /** Ctrl-C: stop polling and fail every waiting request; the batches keep running at the provider. */
  private interrupt(): void {
    clearTimeout(this.timer);
    for (const t of this.delayed) clearTimeout(t);
    this.interrupted = new BatchInterruptedError([...this.running]);
    for (const w of [...this.open]) this.settle(w, () => w.reject(this.interrupted));
    this.waiting = [];
  }
}
