import type { ServerResponse } from 'node:http';

/** Malformed 200 replies that proxies and overloaded servers send. */
export type MalformedKind = 'html' | 'empty' | 'non-json' | 'no-choices';

export interface FaultOptions {
  /** A malformed 200 instead of the answer: for the first `count` chat requests, or every `every`-th one. */
  malformed?: { kind: MalformedKind; count?: number; every?: number };
  /** Bodies trickle `bytes` (default 1) every `intervalMs` (chat, streamed chat, embeddings);
   *  `keepAliveOnly`: a streamed reply sends SSE keep-alive comments and nothing else. */
  trickle?: { intervalMs: number; bytes?: number; keepAliveOnly?: boolean };
  /** Answer every /v1 request with a 307 to this origin (same path). */
  redirectTo?: string;
  /** Every `every`-th chat reply is cut short at a point that differs from reply to reply, with finish_reason "length" (a model that loops, a flaky proxy). */
  cutShort?: { every: number };
  /** Every `every`-th chat reply is `bytes` long (default 10 MB): a broken proxy or a runaway model. */
  huge?: { every: number; bytes?: number };
}

/** Where chat reply number `index` is cut (a fraction of its text), or undefined when it is not. */
export function cutPoint(index: number, c: FaultOptions['cutShort']): number | undefined {
  if (!c || (index + 1) % c.every !== 0) return undefined;
  // A spread of points that no two replies share (golden-ratio steps), between 10% and 90% of the text.
  return 0.1 + 0.8 * ((index * 0.6180339887) % 1);
}

/** Whether chat reply number `index` is a runaway one. */
export function isHuge(index: number, h: FaultOptions['huge']): boolean {
  return h !== undefined && (index + 1) % h.every === 0;
}

/** A 200 chat completion of `bytes` bytes of text (a declared content-length, as a proxy would send). */
export function writeHuge(res: ServerResponse, bytes = 10 * 1024 * 1024): void {
  if (res.headersSent || res.destroyed) return;
  const head = '{"id":"chatcmpl-huge","object":"chat.completion","created":0,"model":"x","choices":[{"index":0,"message":{"role":"assistant","content":"';
  const tail = '"},"finish_reason":"stop"}]}';
  const body = Buffer.alloc(Math.max(bytes, head.length + tail.length), 'x');
  body.write(head, 0);
  body.write(tail, body.length - tail.length);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.end(body);
}

/** Whether chat request number `index` (0-based) gets a malformed reply. */
export function isMalformed(index: number, m: FaultOptions['malformed']): boolean {
  if (!m) return false;
  if (m.every !== undefined) return (index + 1) % m.every === 0;
  return index < (m.count ?? Infinity);
}

export function writeMalformed(res: ServerResponse, kind: MalformedKind): void {
  if (res.headersSent || res.destroyed) return;
  switch (kind) {
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
    case 'empty':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end();
    case 'non-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('upstream error: the model worker restarted');
    case 'no-choices':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id: 'chatcmpl-broken', object: 'chat.completion', created: 0, model: 'x', usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 } }));
  }
}

/**
 * A stand-in for a ServerResponse that collects what a writer writes, then sends it `bytes` at a
 * time every `intervalMs`. With `keepAliveOnly`, sends SSE comments forever instead.
 */
export function trickling(res: ServerResponse, o: NonNullable<FaultOptions['trickle']>, timers: Set<NodeJS.Timeout>): ServerResponse {
  let status = 200;
  let headers: Record<string, string> = {};
  const chunks: Buffer[] = [];
  const start = () => {
    if (res.destroyed) return;
    const sse = String(headers['content-type'] ?? '').includes('event-stream');
    res.writeHead(status, headers);
    const body = o.keepAliveOnly && sse ? null : Buffer.concat(chunks);
    let at = 0;
    const step = o.bytes ?? 1;
    const timer = setInterval(() => {
      if (res.destroyed) return stop();
      if (body === null) return void res.write(': keep-alive\n\n');
      res.write(body.subarray(at, at + step));
      at += step;
      if (at >= body.length) {
        res.end();
        stop();
      }
    }, o.intervalMs);
    const stop = () => {
      clearInterval(timer);
      timers.delete(timer);
    };
    timers.add(timer);
    res.on('close', stop);
  };
  const fake = {
    get headersSent() {
      return res.headersSent;
    },
    get destroyed() {
      return res.destroyed;
    },
    writeHead(s: number, h: Record<string, string> = {}) {
      status = s;
      headers = Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== 'content-length'));
      return fake;
    },
    write(chunk: string | Buffer) {
      chunks.push(Buffer.from(chunk));
      return true;
    },
    end(chunk?: string | Buffer) {
      if (chunk !== undefined) chunks.push(Buffer.from(chunk));
      start();
      return fake;
    },
  };
  return fake as unknown as ServerResponse;
}
