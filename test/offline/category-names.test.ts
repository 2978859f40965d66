import { describe, expect, it } from 'vitest';
import { labelClusters, nameable, type LabelDoc } from '../../src/offline/category-names.js';
import { buildTfidf } from '../../src/offline/cluster/tfidf.js';
import { indexTerms } from '../../src/offline/text/tokens.js';

/** Invented abstracts in three clusters; the third mixes two unrelated topics. */
const TEXTS = [
  ['Speculative decoding drafts tokens with a small model and verifies them with the large model.', 'Speculative decoding with tree drafts raises the acceptance of drafted tokens.', 'A draft model for speculative decoding cuts latency of the large model.', 'Speculative decoding verifies several drafted tokens at once.'],
  ['Graph neural networks predict molecular properties from molecular graphs.', 'Message passing on molecular graphs improves property prediction.', 'Molecular graphs with 3D coordinates help property prediction.', 'Property prediction of molecular graphs needs chemistry-aware pooling.'],
  ['Kolmogorov-Arnold networks replace weights with learnable splines.', 'We bound the sample complexity of learning halfspaces.', 'Kolmogorov-Arnold networks fit symbolic formulas.', 'Sample complexity of learning with noisy labels is characterised.'],
];

function label() {
  const texts = TEXTS.flat();
  const docs: LabelDoc[] = texts.map((t) => ({ text: t, abstract: t, annotation: undefined }));
  const model = buildTfidf(docs.map((d) => indexTerms(d.text)));
  const clusters = TEXTS.map((_, k) => [0, 1, 2, 3].map((i) => k * 4 + i));
  return labelClusters(model, clusters, docs);
}

describe('category names', () => {
  it('are made of terms the papers write, readable as a section title', () => {
    const names = label().map((l) => l.name);
    expect(names[0]).toMatch(/^Speculative decoding/);
    expect(names[1]).toMatch(/^(?:Molecular graphs|Property prediction)/);
    for (const n of names) {
      expect(n).not.toMatch(/^Group \d+$/);
      expect(n.split(/\s+/).length).toBeGreaterThan(1);
    }
  });

  it('do not pair two terms that no paper of the category holds together', () => {
    const name = label()[2]!.name;
    expect(name).not.toMatch(/Kolmogorov-Arnold networks? & sample complexity|Sample complexity & Kolmogorov-Arnold/i);
  });

  it('never name a category by a single vague word', () => {
    const heads = new Set(['accuracy', 'inference', 'speedup', 'network', 'generation', 'cache']);
    for (const w of ['accuracy', 'inference', 'speedup', 'network', 'generation']) expect(nameable(w, heads)).toBe(false);
    expect(nameable('cache', heads)).toBe(true);
  });
});

describe('category names across lines', () => {
  it('never join the last word of one line and the first of the next into a phrase', () => {
    const mk = (t: string, a: string): LabelDoc => ({ text: `${t}\n${t}\n${a}`, abstract: a, annotation: undefined });
    const docs: LabelDoc[] = [
      ...['Efficient Inference', 'Fast Inference', 'Cheap Inference', 'Lean Inference'].map((t) => mk(t, 'Long-Context serving of language models with paged caches.')),
      ...['Graph Learning', 'Graph Mining', 'Graph Search', 'Graph Coloring'].map((t) => mk(t, 'Molecular graphs carry chemical properties.')),
    ];
    const model = buildTfidf(docs.map((d) => indexTerms(d.text)));
    const [first] = labelClusters(model, [[0, 1, 2, 3], [4, 5, 6, 7]], docs);
    expect(first!.name).not.toMatch(/Inference Long/i);
  });
});
