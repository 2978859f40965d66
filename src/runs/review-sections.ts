/** A `## Heading` block of review.md; the text before the first heading has heading ''. */
export interface ReviewSectionText {
  heading: string;
  /** The block's lines, the heading line included. */
  lines: string[];
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const H2 = /^##\s+(.*?)\s*#*\s*$/;

/**
 * Split Markdown into level-2 sections. `###` and deeper headings stay inside their section;
 * lines inside fenced code blocks never start a section. The preamble is kept only when it
 * holds text.
 */
export function splitSections(markdown: string): ReviewSectionText[] {
  const sections: ReviewSectionText[] = [];
  let current: ReviewSectionText = { heading: '', lines: [] };
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    }
    const h = fence === null ? H2.exec(line) : null;
    if (h) {
      sections.push(current);
      current = { heading: h[1]!, lines: [line] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push(current);
  return sections.filter((s) => s.heading !== '' || s.lines.some((l) => l.trim() !== ''));
}
