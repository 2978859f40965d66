/** How a local server publishes the model's context window. */
export type PublishStyle = 'vllm' | 'llamacpp' | 'lmstudio' | 'ollama';

/**
 * The published metadata routes of each kind of server, for `models` with context window `window`:
 * vLLM lists `max_model_len` in /v1/models; llama.cpp's server has /props; LM Studio lists models
 * under /api/v0/models; Ollama answers /api/show (its `num_ctx`), /api/ps and /api/tags.
 * Returns the JSON to send, or undefined when the route is not this server's.
 */
export function publishedRoute(route: string, body: Record<string, unknown> | null, style: PublishStyle | undefined, models: string[], window: number | undefined): unknown {
  if (style === undefined || window === undefined) return undefined;
  if (style === 'llamacpp' && route === 'GET /props') {
    return { default_generation_settings: { n_ctx: window, params: { n_predict: -1 } }, total_slots: 1, model_path: `/models/${models[0]}.gguf` };
  }
  if (style === 'lmstudio' && route === 'GET /api/v0/models') {
    return { object: 'list', data: models.map((id) => ({ id, object: 'model', type: 'llm', state: 'loaded', max_context_length: window * 8, loaded_context_length: window })) };
  }
  if (style === 'ollama') {
    if (route === 'GET') return 'Ollama is running';
    if (route === 'GET /api/version') return { version: '0.12.3' };
    if (route === 'GET /api/tags') return { models: models.map((name) => ({ name, model: name, size: 1 })) };
    if (route === 'GET /api/ps') return { models: models.map((name) => ({ name, model: name, context_length: window })) };
    if (route === 'POST /api/show') {
      const name = String(body?.model ?? body?.name ?? '');
      if (!models.includes(name)) return undefined;
      return { parameters: `num_ctx                        ${window}\nstop                           "<|eot_id|>"`, model_info: { 'general.architecture': 'llama', 'llama.context_length': window * 32 } };
    }
  }
  return undefined;
}

/** The entries of GET /v1/models (vLLM adds max_model_len). */
export function modelEntries(models: string[], style: PublishStyle | undefined, window: number | undefined): Record<string, unknown>[] {
  return models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'litrev-test', ...(style === 'vllm' && window !== undefined ? { max_model_len: window } : {}) }));
}
