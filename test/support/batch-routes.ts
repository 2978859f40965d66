import type { IncomingMessage, ServerResponse } from 'node:http';
import { trackedWait } from './tracked-wait.js';

/**
 * OpenAI's Files and Batch APIs for the test server (shapes of OpenAI's API reference):
 * POST /v1/files (multipart upload), GET /v1/files/{id}, GET /v1/files/{id}/content,
 * DELETE /v1/files/{id}; POST /v1/batches, GET /v1/batches (list), GET /v1/batches/{id},
 * POST /v1/batches/{id}/cancel. A batch goes validating -> in_progress -> finalizing -> completed;
 * each line is answered by the server's own chat route (the same handler answers batch lines and
 * synchronous requests). Options make lines fail, batches expire, and statuses last a given time.
 */

type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export interface BatchLineInfo {
  /** 0-based batch number on this server, and the line's index in its input file. */
  batchIndex: number;
  lineIndex: number;
  customId: string;
  body: Record<string, unknown>;
}

export interface BatchRouteOptions {
  /** How long each status lasts before the next (ms; default 0). */
  validatingMs?: number;
  /** Delay before each line is answered (ms; default 0). */
  lineDelayMs?: number;
  finalizingMs?: number;
  cancellingMs?: number;
  /** Batches stay in_progress, answering nothing, until `release()` (default false). */
  hold?: boolean;
  /** A line for which this returns an error goes to the error file with that HTTP status instead of being answered. */
  failLine?: (line: BatchLineInfo) => { status: number; message?: string; code?: string } | null | undefined;
  /** A batch for which this returns an error fails as a whole at validation (e.g. `token_limit_exceeded`). */
  failBatch?: (batch: { batchIndex: number; lines: number }) => { code: string; message: string } | null | undefined;
  /** A batch for which this returns a number expires after answering that many lines (the rest: `batch_expired`). */
  expireAfter?: (batch: { batchIndex: number; lines: number }) => number | null | undefined;
  /** A hostile or broken provider: the output file's answers are rotated among the custom_ids (line i gets line i+1's answer). */
  rotateOutputs?: boolean;
  /** File content downloads answer 302 to this base URL (another origin, say), same path. */
  contentRedirect?: string;
}

/** Replies of the server's chat route, captured for one batch line. */
export type ChatRoute = (rec: { method: string; path: string; headers: IncomingMessage['headers']; body: Record<string, unknown>; receivedAt: number }, res: ServerResponse, req: IncomingMessage) => Promise<void>;

interface StoredFile {
  object: 'file';
  id: string;
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  content: Buffer;
}

interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  errors: { object: 'list'; data: { code: string; message: string; line: number | null; param: string | null }[] } | null;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

export interface BatchRoutes {
  /** Handle a Files/Batches request; false when the path is not one of them. */
  route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<boolean>;
  /** Every batch created, oldest first, with the parsed lines of its input file. */
  batches(): { batch: BatchObject; lines: { custom_id: string; body: Record<string, unknown> }[] }[];
  setOptions(options: BatchRouteOptions): void;
  /** Let held batches (and later ones) run. */
  release(): void;
  close(): void;
}

const now = () => Math.floor(Date.now() / 1000);

export function createBatchRoutes(initial: BatchRouteOptions | undefined, chatRoute: ChatRoute): BatchRoutes {
  let options: BatchRouteOptions = { ...initial };
  const files = new Map<string, StoredFile>();
  const batches: { batch: BatchObject; lines: { custom_id: string; body: Record<string, unknown> }[]; cancel: boolean; headers: IncomingMessage['headers'] }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Map<object, () => void>();
  let closed = false;
  let seq = 0;

  const wait = trackedWait(timers);
  const held = (entry: object) =>
    new Promise<void>((resolve) => {
      if (!options.hold || closed) return resolve();
      waiters.set(entry, resolve);
    });

  const storeFile = (content: Buffer, filename: string, purpose: string): StoredFile => {
    const file: StoredFile = { object: 'file', id: `file-test${++seq}`, bytes: content.length, created_at: now(), filename, purpose, status: 'processed', content };
    files.set(file.id, file);
    return file;
  };
  const fileJSON = ({ content: _content, ...f }: StoredFile) => f;

  /** Answer one line through the chat route, capturing status and JSON body. */
  const answerLine = async (body: Record<string, unknown>, headers: IncomingMessage['headers']): Promise<{ status: number; body: unknown }> => {
    const captured = { status: 0, text: '' };
    const res = {
      headersSent: false,
      destroyed: false,
      writeHead(status: number) {
        captured.status = status;
        this.headersSent = true;
        return this;
      },
      write(chunk: string) {
        captured.text += chunk;
        return true;
      },
      end(chunk?: string) {
        if (chunk) captured.text += chunk;
        return this;
      },
    };
    const req = { socket: { destroyed: false, destroy() {} } };
    const { stream: _stream, ...unstreamed } = body;
    await chatRoute({ method: 'POST', path: '/v1/chat/completions', headers, body: unstreamed, receivedAt: Date.now() }, res as unknown as ServerResponse, req as unknown as IncomingMessage);
    if (captured.status === 0) return { status: 500, body: { error: { message: 'the chat handler gave no answer', type: 'server_error', param: null, code: null } } };
    return { status: captured.status, body: JSON.parse(captured.text) as unknown };
  };

  const run = async (entry: (typeof batches)[number], batchIndex: number) => {
    const b = entry.batch;
    await wait(options.validatingMs ?? 0);
    if (entry.cancel) return cancelled(entry, [], []);
    b.status = 'in_progress';
    b.in_progress_at = now();
    await held(entry);
    const outputs: string[] = [];
    const errors: string[] = [];
    const expireAfter = options.expireAfter?.({ batchIndex, lines: entry.lines.length });
    let i = 0;
    for (; i < entry.lines.length; i++) {
      if (entry.cancel || closed || (expireAfter !== null && expireAfter !== undefined && i >= expireAfter)) break;
      const line = entry.lines[i]!;
      await wait(options.lineDelayMs ?? 0);
      const failure = options.failLine?.({ batchIndex, lineIndex: i, customId: line.custom_id, body: line.body });
      const answer = failure
        ? { status: failure.status, body: { error: { message: failure.message ?? `HTTP ${failure.status}`, type: failure.status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: failure.code ?? null } } }
        : await answerLine(line.body, entry.headers);
      const out = JSON.stringify({ id: `batch_req_${batchIndex}_${i}`, custom_id: line.custom_id, response: { status_code: answer.status, request_id: `req_${batchIndex}_${i}`, body: answer.body }, error: null });
      if (answer.status === 200) {
        outputs.push(out);
        b.request_counts.completed++;
      } else {
        errors.push(out);
        b.request_counts.failed++;
      }
    }
    const code = entry.cancel ? 'batch_cancelled' : 'batch_expired';
    for (const line of entry.lines.slice(i)) {
      const message = entry.cancel ? 'This request was not executed because the batch was cancelled.' : 'This request could not be executed before the completion window expired.';
      errors.push(JSON.stringify({ id: `batch_req_${batchIndex}_${entry.lines.indexOf(line)}`, custom_id: line.custom_id, response: null, error: { code, message } }));
    }
    if (entry.cancel) return cancelled(entry, outputs, errors);
    const final: BatchStatus = i < entry.lines.length ? 'expired' : 'completed';
    if (final === 'completed') {
      b.status = 'finalizing';
      b.finalizing_at = now();
      await wait(options.finalizingMs ?? 0);
    }
    finish(entry, outputs, errors, final);
  };

  const cancelled = async (entry: (typeof batches)[number], outputs: string[], errors: string[]) => {
    await wait(options.cancellingMs ?? 0);
    finish(entry, outputs, errors, 'cancelled');
  };

  const finish = (entry: (typeof batches)[number], answered: string[], errors: string[], status: BatchStatus) => {
    let outputs = answered;
    const b = entry.batch;
    if (options.rotateOutputs && outputs.length > 1) {
      const parsed = outputs.map((o) => JSON.parse(o) as { custom_id: string });
      const ids = parsed.map((o) => o.custom_id);
      outputs = parsed.map((o, i) => JSON.stringify({ ...o, custom_id: ids[(i + 1) % ids.length] }));
    }
    if (outputs.length > 0) b.output_file_id = storeFile(Buffer.from(`${outputs.join('\n')}\n`), `${b.id}_output.jsonl`, 'batch_output').id;
    if (errors.length > 0) b.error_file_id = storeFile(Buffer.from(`${errors.join('\n')}\n`), `${b.id}_error.jsonl`, 'batch_output').id;
    b.status = status;
    const at = now();
    if (status === 'completed') b.completed_at = at;
    if (status === 'expired') b.expired_at = at;
    if (status === 'cancelled') b.cancelled_at = at;
  };

  const createBatch = (params: Record<string, unknown>, headers: IncomingMessage['headers'], res: ServerResponse) => {
    const file = files.get(String(params.input_file_id ?? ''));
    if (!file) return sendError(res, 404, `No such File object: ${String(params.input_file_id)}`, 'input_file_id');
    if (params.endpoint !== '/v1/chat/completions') return sendError(res, 400, `Unsupported endpoint ${String(params.endpoint)}`, 'endpoint');
    if (params.completion_window !== '24h') return sendError(res, 400, "completion_window must be '24h'", 'completion_window');
    const parsed = parseInput(file.content.toString('utf8'));
    const refused = parsed.errors.length === 0 ? options.failBatch?.({ batchIndex: batches.length, lines: parsed.lines.length }) : null;
    if (refused) parsed.errors.push({ ...refused, line: null, param: null });
    const created = now();
    const batch: BatchObject = {
      id: `batch_test${++seq}`,
      object: 'batch',
      endpoint: '/v1/chat/completions',
      errors: parsed.errors.length > 0 ? { object: 'list', data: parsed.errors } : null,
      input_file_id: file.id,
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: created,
      in_progress_at: null,
      expires_at: created + 24 * 3600,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: parsed.lines.length, completed: 0, failed: 0 },
      metadata: (params.metadata as Record<string, string> | undefined) ?? null,
    };
    const entry = { batch, lines: parsed.lines, cancel: false, headers };
    batches.push(entry);
    if (parsed.errors.length > 0) {
      batch.status = 'failed';
      batch.failed_at = created;
    } else {
      void run(entry, batches.length - 1);
    }
    sendJSON(res, 200, batch);
  };

  return {
    async route(req, res, raw) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname.replace(/\/+$/, '');
      const method = req.method ?? 'GET';
      if (!p.startsWith('/v1/files') && !p.startsWith('/v1/batches')) return false;
      let m: RegExpExecArray | null;
      if (method === 'POST' && p === '/v1/files') {
        const form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: raw }).formData();
        const upload = form.get('file');
        const purpose = form.get('purpose');
        if (!upload || typeof upload === 'string') return sendError(res, 400, "Missing required parameter: 'file'.", 'file'), true;
        if (typeof purpose !== 'string') return sendError(res, 400, "Missing required parameter: 'purpose'.", 'purpose'), true;
        sendJSON(res, 200, fileJSON(storeFile(Buffer.from(await upload.arrayBuffer()), upload.name, purpose)));
      } else if ((m = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(p))) {
        const file = files.get(m[1]!);
        if (!file) sendError(res, 404, `No such File object: ${m[1]}`, 'id');
        else if (method === 'DELETE' && !m[2]) {
          files.delete(file.id);
          sendJSON(res, 200, { id: file.id, object: 'file', deleted: true });
        } else if (m[2] && options.contentRedirect) {
          res.writeHead(302, { location: `${options.contentRedirect}${url.pathname}` });
          res.end();
        } else if (m[2]) {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end(file.content);
        } else sendJSON(res, 200, fileJSON(file));
      } else if (method === 'POST' && p === '/v1/batches') {
        createBatch(JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>, req.headers, res);
      } else if (method === 'GET' && p === '/v1/batches') {
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20)));
        const newestFirst = batches.map((e) => e.batch).reverse();
        const after = url.searchParams.get('after');
        const start = after ? newestFirst.findIndex((b) => b.id === after) + 1 : 0;
        const data = newestFirst.slice(start, start + limit);
        sendJSON(res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < newestFirst.length });
      } else if ((m = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(p))) {
        const entry = batches.find((e) => e.batch.id === m![1]);
        if (!entry) sendError(res, 404, `No batch found with id '${m[1]}'.`, 'batch_id');
        else if (m[2] && method === 'POST') {
          const b = entry.batch;
          if (b.status === 'validating' || b.status === 'in_progress') {
            entry.cancel = true;
            b.status = 'cancelling';
            b.cancelling_at = now();
            waiters.get(entry)?.();
            waiters.delete(entry);
          }
          sendJSON(res, 200, b);
        } else sendJSON(res, 200, entry.batch);
      } else sendError(res, 404, `no route ${method} ${p}`, null);
      return true;
    },
    batches: () => batches.map(({ batch, lines }) => ({ batch, lines })),
    setOptions(next) {
      options = { ...options, ...next };
    },
    release() {
      options = { ...options, hold: false };
      for (const w of waiters.values()) w();
      waiters.clear();
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of waiters.values()) w();
      waiters.clear();
    },
  };
}

/** The lines of a batch input file, or what is wrong with them (OpenAI fails the whole batch then). */
function parseInput(text: string): { lines: { custom_id: string; body: Record<string, unknown> }[]; errors: { code: string; message: string; line: number | null; param: string | null }[] } {
  const lines: { custom_id: string; body: Record<string, unknown> }[] = [];
  const errors: { code: string; message: string; line: number | null; param: string | null }[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let line: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      line = JSON.parse(raw) as typeof line;
    } catch {
      errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', line: i + 1, param: null });
      return;
    }
    if (typeof line.custom_id !== 'string' || line.custom_id === '') errors.push({ code: 'missing_required_parameter', message: 'Missing custom_id.', line: i + 1, param: 'custom_id' });
    else if (seen.has(line.custom_id)) errors.push({ code: 'duplicate_custom_id', message: 'The custom_id for this request is a duplicate of another request.', line: i + 1, param: 'custom_id' });
    else if (line.method !== 'POST') errors.push({ code: 'invalid_method', message: 'The method must be POST.', line: i + 1, param: 'method' });
    else if (line.url !== '/v1/chat/completions') errors.push({ code: 'mismatched_endpoint', message: "The url does not match the batch's endpoint.", line: i + 1, param: 'url' });
    else if (!line.body || typeof line.body !== 'object') errors.push({ code: 'missing_required_parameter', message: 'Missing body.', line: i + 1, param: 'body' });
    else {
      seen.add(line.custom_id);
      lines.push({ custom_id: line.custom_id, body: line.body as Record<string, unknown> });
    }
  });
  if (lines.length === 0 && errors.length === 0) errors.push({ code: 'empty_file', message: 'The input file is empty.', line: 0, param: null });
  return { lines, errors };
}

function sendJSON(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, param: string | null): void {
  sendJSON(res, status, { error: { message, type: 'invalid_request_error', param, code: null } });
}
