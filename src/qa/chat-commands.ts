import type { Hit } from '../retrieval/types.js';

/** What one line typed into the chat means. */
export type ChatInput =
  | { kind: 'empty' }
  | { kind: 'question'; text: string }
  | { kind: 'command'; name: 'sources' | 'help' | 'exit'; more?: 'next' | 'all' }
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
  const [first, arg] = text.slice(1).split(/\s+/);
  const name = first!.toLowerCase();
  const command = ALIASES[name];
  if (!command) return { kind: 'unknown-command', name };
  const more = command === 'sources' ? moreOf(arg?.toLowerCase()) : undefined;
  return more ? { kind: 'command', name: command, more } : { kind: 'command', name: command };
}

function moreOf(arg: string | undefined): 'next' | 'all' | undefined {
  if (arg === 'more' || arg === 'next') return 'next';
  if (arg === 'all') return 'all';
  return undefined;
}

/** Sources shown at a time: a list answer over a large corpus can hold thousands of papers. */
export const SOURCES_PAGE = 20;

export const CHAT_HELP: readonly string[] = [
  'Ask a question about the corpus; follow-up questions use the conversation.',
  `  /sources   the papers behind the last answer, ${SOURCES_PAGE} at a time (/sources more: the next ones, /sources all: every one)`,
  '  /help      this help',
  '  /exit      leave (also Ctrl-C or Ctrl-D)',
];

/** How far /sources has shown each answer's sources (keyed by the answer's list: a new answer starts again). */
const shown = new WeakMap<readonly Hit[], number>();

/**
 * The papers behind an answer, one line each: rank, key, title, and how each ranking placed it.
 * `more`: absent, the first SOURCES_PAGE; `next`, the page after the one shown last; `all`, every one.
 * A line after a page says how many are left and how to see them.
 */
export function sourceLines(hits: readonly Hit[], more?: 'next' | 'all'): string[] {
  if (hits.length === 0) return ['No sources yet: ask a question first.'];
  const from = more === 'next' ? (shown.get(hits) ?? 0) : 0;
  if (from >= hits.length) return [`All ${hits.length} sources were shown: /sources starts again.`];
  const to = more === 'all' ? hits.length : Math.min(hits.length, from + SOURCES_PAGE);
  shown.set(hits, to);
  const width = String(to).length;
  const lines = hits.slice(from, to).map((h, i) => {
    const ranks = [`bm25 ${h.bm25Rank ?? '-'}`];
    if (h.embeddingRank !== undefined) ranks.push(`embedding ${h.embeddingRank ?? '-'}`);
    return `${String(from + i + 1).padStart(Math.max(2, width))}. [@${h.paper.key}] ${h.paper.title} (${ranks.join(', ')})`;
  });
  const left = hits.length - to;
  if (left > 0) lines.push(`… ${left} more: /sources more shows the next ${Math.min(left, SOURCES_PAGE)}, /sources all every one`);
  return lines;
}
