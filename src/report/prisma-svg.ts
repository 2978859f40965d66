import type { CriteriaSet } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';
import { escapeXml } from './chart-svg.js';
import { flowBoxes, type FlowBox } from './prisma-flow.js';

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
const LINE = 18;
const PAD = 12;
const MAIN_X = 20;
const SIDE_X = 400;
const BOX_W = 340;

interface Placed {
  box: FlowBox;
  x: number;
  y: number;
  h: number;
}

function place(box: FlowBox, x: number, y: number): Placed {
  return { box, x, y, h: PAD * 2 + box.lines.length * LINE };
}

function rect(p: Placed): string {
  const text = p.box.lines
    .map((l, i) => `<text x="${p.x + PAD}" y="${p.y + PAD + 13 + i * LINE}" font-size="${i === 0 ? 14 : 12}"${i === 0 ? ' font-weight="600"' : ''} fill="#1f2933">${escapeXml(l)}</text>`)
    .join('');
  return `<rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${p.h}" rx="6" fill="#f5f7fa" stroke="#52606d"/>${text}`;
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#52606d" stroke-width="1.5" marker-end="url(#arrow)"/>`;
}

/**
 * The PRISMA 2020 flow as a standalone SVG: identification, screening and inclusion down the left,
 * duplicates removed, exclusions (per reason) and failures to the right. Deterministic for the same counts.
 */
export function renderPrismaSvg(c: PrismaCounts, criteria: CriteriaSet | null): string {
  const boxes = new Map(flowBoxes(c, criteria).map((b) => [b.id, b]));
  const identified = place(boxes.get('identified')!, MAIN_X, 20);
  const duplicates = place(boxes.get('duplicates')!, SIDE_X, 20);
  const screened = place(boxes.get('screened')!, MAIN_X, identified.y + identified.h + 50);
  const excluded = place(boxes.get('excluded')!, SIDE_X, screened.y);
  const failed = place(boxes.get('failed')!, SIDE_X, excluded.y + excluded.h + 20);
  const includedY = Math.max(screened.y + screened.h, failed.y + failed.h) + 50;
  const included = place(boxes.get('included')!, MAIN_X, includedY);
  const height = included.y + included.h + 20;
  const mid = (p: Placed) => p.y + p.h / 2;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE_X + BOX_W + 20}" height="${height}" viewBox="0 0 ${SIDE_X + BOX_W + 20} ${height}" ${FONT}>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#52606d"/></marker></defs>',
    '<title>PRISMA 2020 flow</title>',
    ...[identified, duplicates, screened, excluded, failed, included].map(rect),
    arrow(MAIN_X + BOX_W, mid(identified), SIDE_X, mid(duplicates)),
    arrow(MAIN_X + BOX_W / 2, identified.y + identified.h, MAIN_X + BOX_W / 2, screened.y),
    arrow(MAIN_X + BOX_W, mid(screened), SIDE_X, mid(excluded)),
    arrow(MAIN_X + BOX_W - 20, screened.y + screened.h, SIDE_X, mid(failed)),
    arrow(MAIN_X + BOX_W / 2, screened.y + screened.h, MAIN_X + BOX_W / 2, included.y),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
