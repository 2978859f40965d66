import type { AccountingTracker } from './accounting.js';
import { classifyError } from './classify-error.js';
import type { ChatBody } from './structured-method.js';
import type { ChatResponse, Transport } from './transport.js';

/**
 * Streaming with a fallback: a request is streamed when tokens are wanted; an endpoint that rejects
 * `stream: true` (a 400 that is not about the prompt's size or another parameter) is asked again
 * without it at once, and never streamed to again.
 */
export class StreamFallback {
  private noStreaming = false;

  constructor(
    private readonly accounting: AccountingTracker,
    private readonly ctx: { endpoint: string; model: string },
  ) {}

  async send(transport: Transport, body: ChatBody, maxBytes: number, onToken?: (delta: string) => void): Promise<ChatResponse> {
    if (!onToken || this.noStreaming) {
      const res = await transport.chat(body, { maxBytes });
      if (onToken && res.reply.content) onToken(res.reply.content);
      return res;
    }
    try {
      return await transport.chat(body, { stream: true, onToken, maxBytes });
    } catch (err) {
      if (!this.rejectsStreaming(err)) throw err;
      this.noStreaming = true;
      this.accounting.requestSent();
      return this.send(transport, body, maxBytes, onToken);
    }
  }

  private rejectsStreaming(err: unknown): boolean {
    const cls = classifyError(err, this.ctx);
    if (cls.type === 'shape') return cls.param === null || cls.param === 'stream' || cls.param === 'stream_options';
    return cls.type === 'rejected' && (cls.status === 400 || cls.status === 422);
  }
}
