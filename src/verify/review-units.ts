import { splitSentences } from './sentence-split.js';

/**
 * The units of a Markdown review that make claims: prose sentences, list items and table rows.
 * Headings, fenced blocks (Mermaid included), HTML comments and table separators make none.
 */
export interface ReviewUnit {
  /** The unit's text (list markers and blockquote marks removed). */
  text: string;
  /** 1-based line of the unit's start in the Markdown. */
  line: number;
  kind: 'sentence' | 'table-row';
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s{0,3}#{1,6}(\s|$)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const LEADING_CITE = /^((?:\[[^\[\]]*@[^\[\]]*\][.,;:]?\s*)+)/;

interface Paragraph {
  text: string;
  line: number;
}

/** Attach citation groups that open a sentence ("… claim. [@a] Next …") to the sentence before. */
function reattachCitations(sentences: string[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    const lead = LEADING_CITE.exec(s);
    const prev = out.length - 1;
    if (lead && prev >= 0) {
      out[prev] = `${out[prev]} ${lead[1]!.trim()}`;
      const rest = s.slice(lead[0].length).trim();
      if (rest) out.push(rest);
    } else {
      out.push(s);
    }
  }
  return out;
}

function paragraphs(markdown: string): { paragraphs: Paragraph[]; rows: ReviewUnit[] } {
  const result: Paragraph[] = [];
  const rows: ReviewUnit[] = [];
  let current: Paragraph | null = null;
  let fenced = false;
  let comment = false;
  const flush = (): void => {
    if (current && current.text.trim()) result.push(current);
    current = null;
  };
  markdown.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (FENCE.test(raw)) {
      flush();
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    if (comment || raw.trimStart().startsWith('<!--')) {
      comment = !raw.includes('-->');
      flush();
      return;
    }
    if (raw.trim() === '' || HEADING.test(raw)) return flush();
    if (raw.trimStart().startsWith('|')) {
      flush();
      if (!TABLE_SEPARATOR.test(raw)) rows.push({ text: raw.trim(), line, kind: 'table-row' });
      return;
    }
    const text = raw.replace(/^\s*>\s?/, '');
    if (LIST_MARKER.test(text)) {
      flush();
      current = { text: text.replace(LIST_MARKER, ''), line };
      return;
    }
    if (current) current.text += ` ${text.trim()}`;
    else current = { text: text.trim(), line };
  });
  flush();
  return { paragraphs: result, rows };
}

/** Split a Markdown document into the units that verification checks, in document order. */
export function reviewUnits(markdown: string): ReviewUnit[] {
  const { paragraphs: paras, rows } = paragraphs(markdown);
  const units: ReviewUnit[] = [...rows];
  for (const p of paras) {
    const sentences = reattachCitations(splitSentences(p.text).map((s) => s.text));
    for (const text of sentences) units.push({ text, line: p.line, kind: 'sentence' });
  }
  return units.sort((a, b) => a.line - b.line);
}
