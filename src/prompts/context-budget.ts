import type { EndpointLimits } from '../model/types.js';

/**
 * How many prompt tokens a request may take so that its reply still fits the model's context
 * window: the window, minus the output the request is expected to produce (capped by the
 * endpoint's output cap, at most half the window), minus a safety margin for the tokenizer
 * estimate. Infinity while the
 * window is unknown: prompts are then built as they always were.
 */
export function promptRoom(limits: EndpointLimits, expectedOutput: number): number {
  const window = limits.contextWindow;
  if (window === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, window - Math.min(outputReserve(limits, expectedOutput), Math.floor(window / 2)) - contextMargin(window));
}

/** The output a request keeps room for: what it is expected to write, at most the output cap. */
export function outputReserve(limits: EndpointLimits, expectedOutput: number): number {
  return Math.max(0, Math.min(expectedOutput, limits.maxOutputTokens ?? expectedOutput));
}

/** Tokens kept free in a window: 5% (the token count is an estimate, even calibrated), at least 32. */
export function contextMargin(window: number): number {
  return Math.max(32, Math.ceil(window * 0.05));
}

/** The usable share of an output cap for a batch reply (its JSON frame and a little variance). */
export function usableOutput(limits: EndpointLimits): number {
  const cap = limits.maxOutputTokens;
  return cap === null ? Number.POSITIVE_INFINITY : Math.floor(cap * 0.85) - 16;
}

/** "4,096" */
export function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}
