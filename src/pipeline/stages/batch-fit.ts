import type { ChatMessage, EndpointLimits, ModelGateway } from '../../model/types.js';
import { contextMargin, usableOutput } from '../../prompts/context-budget.js';

/** Completion tokens of a batch reply beyond its items: the JSON frame. */
const OUTPUT_FRAME = 24;

/** How a batch of items turns into prompt and reply tokens, measured with the gateway's counter. */
export interface BatchShape<I> {
  /** Prompt tokens of the request with no items. */
  fixed: number;
  /** Prompt tokens one item adds. */
  itemTokens(item: I): number;
  /** Completion tokens one item is expected to take. */
  outputPerItem: number;
}

/** Measure a batch request: its fixed part once, each item's block once (memoised). */
export function batchShape<I extends { id: string }>(
  gateway: Pick<ModelGateway, 'countTokens'>,
  messages: (items: I[]) => ChatMessage[],
  itemText: (item: I) => string,
  outputPerItem: number,
): BatchShape<I> {
  const fixed = gateway.countTokens(messages([]));
  const empty = gateway.countTokens([{ role: 'user', content: '' }]);
  const memo = new Map<I, number>();
  return {
    fixed,
    outputPerItem,
    itemTokens(item) {
      let t = memo.get(item);
      if (t === undefined) {
        t = Math.max(1, gateway.countTokens([{ role: 'user', content: `${itemText(item)}\n\n` }]) - empty);
        memo.set(item, t);
      }
      return t;
    },
  };
}

export function promptTokensOf<I>(shape: BatchShape<I>, items: I[]): number {
  return items.reduce((sum, item) => sum + shape.itemTokens(item), shape.fixed);
}

export function expectedOutputOf<I>(shape: BatchShape<I>, items: I[]): number {
  return OUTPUT_FRAME + items.length * shape.outputPerItem;
}

/** The batch's prompt and its expected reply fit the window, and the reply fits the output cap. */
export function batchFits<I>(limits: EndpointLimits, shape: BatchShape<I>, items: I[]): boolean {
  const output = expectedOutputOf(shape, items);
  if (items.length > 1 && output > usableOutput(limits)) return false;
  const window = limits.contextWindow;
  if (window === null) return true;
  return promptTokensOf(shape, items) + output + contextMargin(window) <= window;
}

/** The batch's prompt alone fits the window (a ledger batch is reused; a request is sent). */
export function promptFits(limits: EndpointLimits, tokens: number): boolean {
  const window = limits.contextWindow;
  return window === null || tokens + contextMargin(window) <= window;
}

/** The most tokens one item may take so that a batch of it alone fits the window (Infinity when unknown). */
export function itemRoom<I>(limits: EndpointLimits, shape: BatchShape<I>): number {
  const window = limits.contextWindow;
  if (window === null) return Number.POSITIVE_INFINITY;
  return window - contextMargin(window) - shape.fixed - (OUTPUT_FRAME + shape.outputPerItem);
}
