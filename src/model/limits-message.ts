import type { LimitsSnapshot } from './endpoint-limits.js';

/** The one clear sentence said when a limit becomes known, with what to do about it. */
export function limitsMessage(l: LimitsSnapshot, why: string, endpoint: string): string {
  const parts: string[] = [];
  if (l.contextWindow !== null) parts.push(`the model's context window is ${l.contextWindow} tokens (${l.contextSource})`);
  if (l.maxOutputTokens !== null) parts.push(`replies are capped at ${l.maxOutputTokens} tokens (${l.outputSource})`);
  const ollama = /:11434\b/.test(endpoint) || /truncates silently/.test(why);
  const fix = ollama
    ? '; for Ollama raise it with OLLAMA_CONTEXT_LENGTH or num_ctx'
    : l.contextSource === 'learned'
      ? '; set LITREV_CONTEXT_WINDOW if you know better'
      : '';
  return `${parts.join('; ')}: ${why}; prompts are packed to fit${fix}`;
}
