import type { CategoryLabel } from './category-names.js';

/**
 * Names in use across a taxonomy, so that no subcategory repeats a category's name or another
 * subcategory's: a name already taken is told apart by its next distinctive term ("Attention &
 * linear RNNs"), else by its category ("Attention (Language modeling)").
 */
export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(taken: readonly string[]) {
    for (const name of taken) this.used.add(name.toLowerCase());
  }

  claim(label: CategoryLabel, category: string): string {
    const candidates = [label.name, ...label.terms.slice(1).map((t) => `${label.name} & ${t}`), `${label.name} (${category})`];
    let name = candidates.find((c) => !this.used.has(c.toLowerCase()));
    for (let n = 2; !name; n++) if (!this.used.has(`${label.name} (${n})`.toLowerCase())) name = `${label.name} (${n})`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
