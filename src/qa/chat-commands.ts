import type { Hit } from '../retrieval/types.js';

/** What one line typed into the chat means. */
export type ChatInput =
  | { kind: 'empty' }
  | { kind: 'question'; text: string }
  | { kind: 'command'; name: 'sources' | 'help' | 'exit' }
  | { kind: 'unknown-command'; name: string };

const ALIASES: Record<string, 'sources' | 'help' | 'exit'> = {
  sources: 'sources',
  source: 'sources',
  help: 'help',
  '?': 'help',
  exit: 'exit',
  quit: 'exit',
  q: 'exit',
};

export function parseChatInput(line: string): ChatInput {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (!text.startsWith('/')) return { kind: 'question', text };
  const name = text.slice(1).split(/\s+/)[0]!.toLowerCase();
  const command = ALIASES[name];
  return command ? { kind: 'command', name: command } : { kind: 'unknown-command', name };
}

export const CHAT_HELP: readonly string[] = [
  'Ask a question about the corpus; follow-up questions use the conversation.',
  '  /sources   the papers retrieved for the last answer',
  '  /help      this help',
  '  /exit      leave (also Ctrl-C or Ctrl-D)',
];

/** The papers retrieved for an answer, one line each: rank, key, title, and how each ranking placed it. */
export function sourceLines(hits: readonly Hit[]): string[] {
  if (hits.length === 0) return ['No sources yet: ask a question first.'];
  return hits.map((h, i) => {
    const ranks = [`bm25 ${h.bm25Rank ?? '-'}`];
    if (h.embeddingRank !== undefined) ranks.push(`embedding ${h.embeddingRank ?? '-'}`);
    return `${String(i + 1).padStart(2)}. [@${h.paper.key}] ${h.paper.title} (${ranks.join(', ')})`;
  });
}
