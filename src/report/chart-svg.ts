import type { Paper } from '../corpus/paper.js';
import type { Taxonomy } from '../review/annotation.js';

/** Characters XML needs escaped in text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

interface Bar {
  label: string;
  value: number;
}

const BAR_AREA = 390;
/** Room right of the bars for the value, and left of the labels. */
const VALUE_ROOM = 70;
const MARGIN = 16;
const MIN_LABEL_WIDTH = 120;
const ROW = 24;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
/** Generous average advance of one character of mixed-case text at font-size 12 in the sans-serif fonts above. */
const CHAR_WIDTH = 7.5;
const MAX_LABEL_CHARS = 60;

function truncate(label: string, max = MAX_LABEL_CHARS): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** Estimated width in pixels of a label as drawn (at most MAX_LABEL_CHARS characters). */
export function labelWidth(label: string): number {
  return Math.ceil([...truncate(label)].length * CHAR_WIDTH);
}

/** One titled block of horizontal bars starting at `top`; returns its SVG and height. */
function barBlock(title: string, bars: readonly Bar[], top: number, color: string, LABEL_WIDTH: number): { svg: string; height: number } {
  const max = bars.reduce((m, b) => Math.max(m, b.value), 1);
  const parts = [`<text x="16" y="${top + 20}" font-size="15" font-weight="600" fill="#1f2933">${escapeXml(title)}</text>`];
  bars.forEach((b, i) => {
    const y = top + 36 + i * ROW;
    const w = Math.max(1, Math.round((b.value / max) * BAR_AREA));
    parts.push(
      `<g><title>${escapeXml(`${b.label}: ${b.value}`)}</title>` +
        `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" font-size="12" text-anchor="end" fill="#323f4b">${escapeXml(truncate(b.label))}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 8}" rx="2" fill="${color}"/>` +
        `<text x="${LABEL_WIDTH + w + 6}" y="${y + 15}" font-size="12" fill="#323f4b">${b.value}</text></g>`,
    );
  });
  return { svg: parts.join('\n'), height: 36 + bars.length * ROW + 12 };
}

/**
 * A horizontal bar chart of papers per category, and below it papers per year when any paper's
 * year is known. Valid standalone SVG; labels are escaped (and truncated, with the full label in a
 * tooltip). Deterministic.
 */
export function renderCategoryChartSvg(taxonomy: Taxonomy, papers: Paper[]): string {
  const inTaxonomy = new Set(taxonomy.categories.flatMap((c) => c.paperIds));
  const categoryBars = taxonomy.categories.map((c) => ({ label: c.name, value: c.paperIds.length }));
  const years = new Map<number, number>();
  for (const p of papers) if (inTaxonomy.has(p.id) && p.year) years.set(p.year, (years.get(p.year) ?? 0) + 1);
  const yearBars = [...years].sort((a, b) => a[0] - b[0]).map(([y, n]) => ({ label: String(y), value: n }));
  // The label column fits the longest label drawn, so no label is cut at the left edge.
  const labels = [...categoryBars, ...yearBars].reduce((m, b) => Math.max(m, labelWidth(b.label)), MIN_LABEL_WIDTH) + MARGIN + 8;
  const WIDTH = Math.max(labels + BAR_AREA + VALUE_ROOM, 480);
  const blocks = [barBlock('Papers per category', categoryBars, 8, '#3e7cb1', labels)];
  if (yearBars.length > 0) {
    const top = blocks[0]!.height + 16;
    blocks.push(barBlock('Papers per year (where the date is known)', yearBars, top, '#7a9e3b', labels));
  }
  const height = blocks.reduce((h, b) => h + b.height, 0) + 16 * blocks.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...blocks.map((b) => b.svg),
    '</svg>',
    '',
  ].join('\n');
}
