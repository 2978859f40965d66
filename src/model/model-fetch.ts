/** The `fetch` every model request goes through: deadlines on the whole reply, and no redirect to another origin. */

export interface ModelFetchOptions {
  /** Deadline of a whole exchange: request, headers and the complete body. */
  timeoutMs: number;
  /** Longest silence while a body is being read; for a stream, keep-alive comments do not count as progress. */
  idleTimeoutMs: number;
  /** Same-origin redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Called with every HTTP response (errors included), before its body is read: status and headers for the rate governor. */
  onResponse?: (status: number, headers: Headers) => void;
  /** The underlying fetch (default the global one). */
  fetch?: typeof fetch;
}

/** A reply did not complete within a deadline. Its name makes the SDK and the error taxonomy treat it as a timeout. */
export class ModelTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    message: string,
    readonly deadline: 'total' | 'idle',
  ) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** The endpoint redirected to another origin: prompts must not follow it there. */
export class RedirectRefusedError extends Error {
  constructor(readonly target: string) {
    super(`the endpoint redirected to another origin (${target}); litrev does not send prompts there: set the base URL to the server you mean to use`);
    this.name = 'RedirectRefusedError';
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * A fetch with a total and an idle deadline on every response body (plain JSON, SSE streams,
 * embeddings) and redirects handled by hand: same-origin ones are followed, another origin is refused
 * with an error naming it.
 */
export function createModelFetch(options: ModelFetchOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 5;
  const modelFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const controller = new AbortController();
    const outer = init.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let expired: ModelTimeoutError | null = null;
    const total = setTimeout(() => {
      expired = new ModelTimeoutError(`no complete reply within ${options.timeoutMs} ms (timed out)`, 'total');
      controller.abort(expired);
    }, options.timeoutMs);
    const done = () => {
      clearTimeout(total);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    let url = new URL(input instanceof Request ? input.url : String(input));
    let request: RequestInit = { ...init, signal: controller.signal, redirect: 'manual' };
    try {
      for (let hop = 0; ; hop++) {
        const res = await base(url, request);
        options.onResponse?.(res.status, res.headers);
        const location = res.headers.get('location');
        if (!REDIRECT.has(res.status) || location === null) return guardBody(res, { ...options, controller, done, expired: () => expired });
        await res.body?.cancel().catch(() => undefined);
        const target = new URL(location, url);
        if (target.origin !== url.origin) throw new RedirectRefusedError(target.href);
        if (hop >= maxRedirects) throw new RedirectRefusedError(`${target.href} (more than ${maxRedirects} redirects)`);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && request.method === 'POST')) {
          request = { ...request, method: 'GET', body: undefined };
        }
        url = target;
      }
    } catch (err) {
      done();
      throw expired ?? err;
    }
  };
  return modelFetch as typeof fetch;
}

interface GuardContext extends ModelFetchOptions {
  controller: AbortController;
  done: () => void;
  expired: () => ModelTimeoutError | null;
}

/** The response with its body read through the deadlines. */
function guardBody(res: Response, ctx: GuardContext): Response {
  if (!res.body) {
    ctx.done();
    return res;
  }
  const sse = (res.headers.get('content-type') ?? '').includes('event-stream');
  const reader = res.body.getReader();
  let idle: NodeJS.Timeout | undefined;
  let tail = '';
  const decoder = new TextDecoder();
  const body = new ReadableStream<Uint8Array>({
    start(stream) {
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          const err = new ModelTimeoutError(`the reply stalled: nothing for ${ctx.idleTimeoutMs} ms (timed out)`, 'idle');
          ctx.controller.abort(err);
          stream.error(err);
          void reader.cancel(err).catch(() => undefined);
          ctx.done();
        }, ctx.idleTimeoutMs);
      };
      arm();
      const pump = async (): Promise<void> => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            if (!sse || carriesData(value)) arm();
            stream.enqueue(value);
          }
          clearTimeout(idle);
          ctx.done();
          stream.close();
        } catch (err) {
          clearTimeout(idle);
          ctx.done();
          try {
            stream.error(ctx.expired() ?? err);
          } catch {
            // already errored by the idle deadline
          }
        }
      };
      const carriesData = (chunk: Uint8Array): boolean => {
        const text = tail + decoder.decode(chunk, { stream: true });
        tail = text.slice(-8);
        return /(^|\n)data:/.test(text);
      };
      void pump();
    },
    cancel(reason) {
      clearTimeout(idle);
      ctx.done();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
