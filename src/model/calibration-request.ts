import type { AccountingTracker } from './accounting.js';
import { estimateCostUSD, estimateMessagesTokens } from './estimate.js';
import type { Negotiator } from './negotiate.js';
import { sendWithRetries, type RunnerContext } from './request-runner.js';
import { textBody } from './structured-method.js';
import type { Transport } from './transport.js';
import type { ChatMessage } from './types.js';

/** Output asked of a calibration request: its reply is not read, only the prompt count it reports. */
const CALIBRATION_OUTPUT = 8;

export interface CalibrationParts {
  model: string;
  runner: RunnerContext;
  accounting: AccountingTracker;
  negotiator: Negotiator;
  temperature: number;
  /** The synchronous transport (a Batch API run calibrates through it too). */
  transport: () => Promise<Transport>;
}

/**
 * A small request (the start of a real prompt, a few tokens of output) whose reported prompt tokens
 * tell how the server counts litrev's estimate: the calibration a silent truncation is judged by.
 * Sent like any request (scheduler, rate governor, budget, retries); never cached; its tokens are
 * counted. Returns the prompt tokens it reported, null when it reported none.
 */
export function calibrationRequest(p: CalibrationParts): (messages: ChatMessage[]) => Promise<number | null> {
  return async (messages) => {
    const body = textBody({ model: p.model, messages, temperature: p.temperature, maxTokens: CALIBRATION_OUTPUT }, p.negotiator.params);
    const transport = await p.transport();
    const estimated = estimateMessagesTokens(messages);
    const sent = await sendWithRetries(p.runner, 'calibrate', () => transport.chat(body, { maxBytes: 256 * 1024 }), {
      estimatedTokens: estimated + CALIBRATION_OUTPUT,
      estimatedCostUSD: estimateCostUSD(p.model, estimated, CALIBRATION_OUTPUT),
    });
    const usage = sent.value.usage;
    if (!usage) return null;
    p.accounting.spent(p.model, usage);
    return usage.promptTokens;
  };
}
