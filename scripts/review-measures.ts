/**
 * Measures of a rendered offline review.md that a reader notices (used by scripts/eval-offline.ts):
 * the share of papers that only appear in catch-all lists, one-line filler, claims-table rows without
 * a metric, and whether the mindmap's groups are the groups the sections describe.
 */

export interface ReviewMeasures {
  /** Papers cited only inside catch-all paragraphs ("Other approaches", "The remaining N papers …"). */
  catchAll: number;
  papers: number;
  filler: number;
  claimRows: number;
  claimRowsWithoutMetric: number;
  /** Mindmap nodes (category or subcategory) whose name and count do not match a section or subsection. */
  mismatches: string[];
  duplicateSubsections: string[];
  comparisonTables: number;
}

/** Catch-all paragraphs: "Other approaches", "The remaining N papers …", and the summary of papers no approach fits ("Five more papers [@…] …"). */
const CATCH_ALL = /^(?:\*\*Other approaches\.\*\*|(?:\*\*[^*]+\*\*\s*)?The (?:remaining|other) \S+ papers?\b|\S+ more papers \[@)/;
/** Citation keys of `[@a; @b]` groups (never an `@` inside a quote, such as "pass@200"). */
const keysIn = (text: string): string[] => [...text.matchAll(/\[(@[^\]]*)\]/g)].flatMap((m) => [...m[1]!.matchAll(/@([^\s;\]]+)/g)].map((k) => k[1]!));

export function measureReview(md: string): ReviewMeasures {
  const lines = md.split('\n');
  const sectionStart = lines.findIndex((l) => l.startsWith('## ') && !/^## (Overview|Taxonomy)$/.test(l));
  const tail = lines.findIndex((l) => /^## (Quantitative claims|Open problems)$/.test(l));
  const body = lines.slice(sectionStart, tail < 0 ? undefined : tail);
  const inCatchAll = new Set<string>();
  const elsewhere = new Set<string>();
  let catchAll = false;
  let comparisonTables = 0;
  for (const l of body) {
    if (/^(\*\*|### |## )/.test(l) || CATCH_ALL.test(l)) catchAll = CATCH_ALL.test(l);
    if (/^\| Paper \| (?:Setting|Metric; setting) \|/.test(l)) comparisonTables++;
    for (const k of keysIn(l)) (catchAll ? inCatchAll : elsewhere).add(k);
  }
  const onlyCatchAll = [...inCatchAll].filter((k) => !elsewhere.has(k)).length;
  const filler = (md.match(/also belongs here/g) ?? []).length;
  const claimLines = lines.slice(lines.indexOf('## Quantitative claims')).filter((l) => /^\| \[@/.test(l));
  const withoutMetric = claimLines.filter((l) => l.split(' | ')[1]?.trim() === '').length;
  // Mindmap: `cN["Name (n)"]` and children `cN_sM("Name (n)")`; sections `## Name`, `### Name`.
  const nodes = [...md.matchAll(/^\s+(c[\w]*)[[(]"(.+) \((\d+)\)"[\])]$/gm)].map((m) => ({ id: m[1]!, name: m[2]!, n: Number(m[3]) }));
  const mismatches: string[] = [];
  const duplicateSubsections: string[] = [];
  const sections = new Map<string, Map<string, Set<string>>>();
  let current: Map<string, Set<string>> | null = null;
  let sub: Set<string> | null = null;
  for (const l of body) {
    if (l.startsWith('## ')) {
      current = new Map([['', new Set<string>()]]);
      sections.set(l.slice(3), current);
      sub = current.get('')!;
    } else if (l.startsWith('### ') && current) {
      const name = l.slice(4);
      if (current.has(name)) duplicateSubsections.push(name);
      sub = new Set<string>();
      current.set(name, sub);
    } else if (sub) for (const k of keysIn(l)) sub.add(k);
  }
  let section: Map<string, Set<string>> | undefined;
  for (const node of nodes) {
    if (!node.id.includes('_')) {
      section = sections.get(node.name);
      const cited = section ? new Set([...section.values()].flatMap((s) => [...s])).size : -1;
      if (cited !== node.n) mismatches.push(`${node.name} (${node.n}): section cites ${cited}`);
      continue;
    }
    const cited = section?.get(node.name)?.size ?? -1;
    if (cited !== node.n) mismatches.push(`${node.name} (${node.n}): subsection cites ${cited}`);
  }
  return {
    catchAll: onlyCatchAll,
    papers: new Set([...inCatchAll, ...elsewhere]).size,
    filler,
    claimRows: claimLines.length,
    claimRowsWithoutMetric: withoutMetric,
    mismatches,
    duplicateSubsections,
    comparisonTables,
  };
}
