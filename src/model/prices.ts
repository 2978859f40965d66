/**
 * List prices of common OpenAI models, in USD per 1M tokens (standard tier, no batch or cached-input
 * discount), as published by OpenAI; check https://openai.com/api/pricing before relying on them for
 * a budget. Dated snapshots (`gpt-4o-mini-2024-07-18`) use the price of their family. Models not listed
 * (local models, other vendors) have no price: litrev then counts tokens only.
 */
export interface ModelPrice {
  input: number;
  output: number;
}

export const PRICES_AS_OF = '2025-08';

/** Standard requests, or the Batch API (`--batch-api`): OpenAI bills batch requests at half the listed price. */
export type PriceTier = 'standard' | 'batch';
export const BATCH_PRICE_FACTOR = 0.5;

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-chat-latest': { input: 1.25, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'chatgpt-4o-latest': { input: 5, output: 15 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  'o1-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
};

/**
 * The price of a model: an exact name, or a dated snapshot of a listed family
 * (`<family>-2024-08-06`, `<family>-0125`). A vendor prefix (`openai/gpt-4o`) is ignored.
 */
export function priceOf(model: string, tier: PriceTier = 'standard'): ModelPrice | null {
  const price = listPriceOf(model);
  if (!price || tier === 'standard') return price;
  return { input: price.input * BATCH_PRICE_FACTOR, output: price.output * BATCH_PRICE_FACTOR };
}

function listPriceOf(model: string): ModelPrice | null {
  const name = model.trim().toLowerCase().replace(/^openai\//, '');
  const exact = PRICES[name];
  if (exact) return exact;
  let best: string | undefined;
  for (const family of Object.keys(PRICES)) {
    if (!name.startsWith(`${family}-`)) continue;
    if (!/^-\d{4}(-\d{2}-\d{2})?$/.test(name.slice(family.length))) continue;
    if (best === undefined || family.length > best.length) best = family;
  }
  return best === undefined ? null : (PRICES[best] ?? null);
}
