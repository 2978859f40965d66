import { withoutReasoning } from './reasoning-text.js';

/** The result of reading model text as JSON: never throws, keeps the reason. */
export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Read the JSON a model wrote. Tolerates what models add around it: a leading `<think>` block, a
 * ```json fence, a byte-order mark, leading prose before the first `{`/`[` and trailing prose after
 * the matching bracket.
 * Does not guess at broken JSON (missing brackets, trailing commas): that is an `invalid-json`
 * failure for the repair loop.
 */
export function parseJsonText(raw: string): JsonTextResult {
  const text = stripFences(withoutReasoning(raw.replace(/^\uFEFF/, ''))).trim();
  if (text === '') return { ok: false, error: 'the reply is empty' };
  const direct = tryParse(text);
  if (direct.ok) return direct;
  const sliced = outermostJson(text);
  if (sliced !== null && sliced !== text) {
    const second = tryParse(sliced);
    if (second.ok) return second;
  }
  return direct;
}

/** Remove a Markdown code fence around the whole reply (```json … ``` or ``` … ```). */
export function stripFences(text: string): string {
  const m = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(text);
  if (m) return m[1] ?? '';
  const inner = /```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/.exec(text);
  return inner ? (inner[1] ?? '') : text;
}

function tryParse(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` };
  }
}

/** The text from the first `{` or `[` to its matching bracket (string-aware), or null. */
function outermostJson(text: string): string | null {
  const start = text.search(/[{[]/);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}
