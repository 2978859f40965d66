import type { ListedModel, Transport } from './transport.js';

/** The longest the discovery may take: its routes are optional metadata (requests wait for it). */
const DISCOVERY_TIMEOUT_MS = 5_000;

/**
 * The deadline of a discovery: a server or proxy that never answers one of the routes must not hold
 * back every request behind it for the whole request timeout.
 */
export function discoveryDeadline(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(Math.min(DISCOVERY_TIMEOUT_MS, timeoutMs));
}

/**
 * The context window a local server publishes for `model`, or null: vLLM's `max_model_len` and
 * similar fields in /v1/models, llama.cpp server's /props (`n_ctx`), LM Studio's /api/v0/models
 * (`loaded_context_length`), Ollama's /api/ps (`context_length` of the loaded model) and /api/show
 * (`num_ctx`). Never throws: a server that publishes nothing just leaves the window to be learned. `signal`
 * ends the routes still asked (a proxy that never answers one of them).
 */
export async function discoverWindow(transport: Transport, baseURL: string, model: string, signal?: AbortSignal): Promise<number | null> {
  const url = new URL(baseURL);
  // The list and the servers' own routes are asked at once (one round trip before the first request, not two);
  // the list's answer wins, as it did when the routes were asked only after it.
  const listed = transport.listModels(signal).catch(() => [] as ListedModel[]);
  const fromRoutes = url.hostname === 'api.openai.com' ? Promise.resolve(null) : windowFromRoutes(transport, url.origin, model, signal);
  const entry = (await listed).find((m) => m.id === model);
  const fromList = entry ? firstNumber(entry, ['max_model_len', 'loaded_context_length', 'context_length', 'max_context_length']) : null;
  const routed = await fromRoutes;
  return fromList ?? routed;
}

/** llama.cpp's /props, LM Studio's /api/v0/models and Ollama's routes, asked together; the first window found, in that order. */
async function windowFromRoutes(transport: Transport, origin: string, model: string, signal?: AbortSignal): Promise<number | null> {
  const probes: Promise<number | null>[] = [
    transport.fetchJSON(`${origin}/props`, undefined, signal).then((p) => numberAt(p, ['default_generation_settings', 'n_ctx']) ?? numberAt(p, ['n_ctx'])),
    transport.fetchJSON(`${origin}/api/v0/models`, undefined, signal).then((p) => {
      const found = (p as { data?: Record<string, unknown>[] } | null)?.data?.find((m) => m.id === model);
      return found ? firstNumber(found, ['loaded_context_length', 'max_context_length']) : null;
    }),
    ollamaWindow(transport, origin, model, signal),
  ];
  const found = await Promise.all(probes.map((p) => p.catch(() => null)));
  return found.find((n): n is number => n !== null) ?? null;
}

async function ollamaWindow(transport: Transport, origin: string, model: string, signal?: AbortSignal): Promise<number | null> {
  const ps = (await transport.fetchJSON(`${origin}/api/ps`, undefined, signal)) as { models?: { name?: string; model?: string; context_length?: unknown }[] } | null;
  const loaded = ps?.models?.find((m) => m.name === model || m.model === model);
  if (typeof loaded?.context_length === 'number' && loaded.context_length > 0) return loaded.context_length;
  const show = (await transport.fetchJSON(`${origin}/api/show`, { model }, signal)) as { parameters?: unknown } | null;
  const m = typeof show?.parameters === 'string' ? /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(show.parameters) : null;
  return m ? Number(m[1]) : null;
}

function firstNumber(o: Record<string, unknown>, fields: string[]): number | null {
  for (const f of fields) {
    const v = o[f];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  return null;
}

function numberAt(o: unknown, path: string[]): number | null {
  let cur = o;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return typeof cur === 'number' && Number.isInteger(cur) && cur > 0 ? cur : null;
}
