/**
 * Reasoning models served without a reasoning parser (DeepSeek-R1 or Qwen3 behind vLLM, Ollama or
 * LM Studio) write their thinking into the reply's content first: `<think>…</think>` and then the
 * answer. The thinking may hold braces and brackets of its own, so the JSON reader and the answer
 * shown to the user both start after it. The raw reply, thinking included, stays in the cache.
 */
const OPENING = /^\s*<(think|thinking|reasoning)>/i;
const TAGS = ['<think>', '<thinking>', '<reasoning>'];

/** The reply's answer without a leading reasoning block (unchanged when there is none or it never closes). */
export function withoutReasoning(text: string): string {
  const open = OPENING.exec(text);
  if (!open) return text;
  const close = text.toLowerCase().indexOf(`</${open[1]!.toLowerCase()}>`, open[0].length);
  if (close < 0) return text;
  return text.slice(close + open[1]!.length + 3).replace(/^\s+/, '');
}

/**
 * Wrap a token callback so that a leading reasoning block is not streamed to the user: text is held
 * while it may still be the start of an opening tag, dropped inside the block, and passed on from
 * the first character after it (leading blank space removed). A reply without one streams as is.
 */
export function reasoningFilter(onToken: (delta: string) => void): (delta: string) => void {
  let state: 'undecided' | 'inside' | 'after-block' | 'pass' = 'undecided';
  let held = '';
  let closing = '';
  return (delta) => {
    if (state === 'pass') return onToken(delta);
    held += delta;
    if (state === 'undecided') {
      const start = held.replace(/^\s+/, '').toLowerCase();
      const open = OPENING.exec(held);
      if (open) {
        state = 'inside';
        closing = `</${open[1]!.toLowerCase()}>`;
        held = held.slice(open[0].length);
      } else if (start === '' || TAGS.some((t) => t.startsWith(start))) {
        return;
      } else {
        state = 'pass';
        const out = held;
        held = '';
        return onToken(out);
      }
    }
    if (state === 'inside') {
      const at = held.toLowerCase().indexOf(closing);
      if (at < 0) {
        // Keep only what could be the start of the closing tag.
        held = held.slice(Math.max(0, held.length - closing.length));
        return;
      }
      held = held.slice(at + closing.length);
      state = 'after-block';
    }
    // After the block: drop the blank space before the answer, then pass everything on.
    held = held.replace(/^\s+/, '');
    if (held === '') return;
    state = 'pass';
    const out = held;
    held = '';
    onToken(out);
  };
}
