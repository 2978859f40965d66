/**
 * Maximum-weight one-to-one assignment (the Hungarian method, O(n^3)) on a rectangular matrix
 * of non-negative weights. Returns, for every row, the column assigned to it, or -1 when the row
 * was left over (more rows than columns).
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): number[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : Math.max(...weights.map((r) => r.length));
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  const size = Math.max(rows, cols);
  let top = 0;
  for (const r of weights) for (const w of r) top = Math.max(top, w);
  // Minimise cost = top - weight on a square matrix padded with weight 0.
  const cost = (i: number, j: number): number => top - (i < rows && j < cols ? (weights[i]![j] ?? 0) : 0);
  const colOfRow = solveMinCost(size, cost);
  return colOfRow.slice(0, rows).map((j) => (j < cols ? j : -1));
}

/** Classic potentials-based Hungarian algorithm on a square cost matrix; returns row -> column. */
function solveMinCost(n: number, cost: (i: number, j: number) => number): number[] {
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const rowOfCol = new Array<number>(n + 1).fill(0); // 1-based row matched to column j; 0 = free
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = rowOfCol[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOfCol[j]!] = u[rowOfCol[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfCol[j0] = rowOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (rowOfCol[j]! > 0) colOfRow[rowOfCol[j]! - 1] = j - 1;
  return colOfRow;
}
