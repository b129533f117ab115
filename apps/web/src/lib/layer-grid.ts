/**
 * The shared-layers grid (as imagelayers drew it): one column per image, its layers bottom up
 * in rows; where neighbouring columns hold the same layer at the same height, one cell spans
 * them. Pure (tested).
 */
export interface GridCell {
  /** First column (0-based) and how many it spans. */
  column: number;
  span: number;
  diffId: string;
  command: string;
  sizeBytes: number;
  /** How many images of the whole set hold this layer (anywhere). */
  holders: number;
}

export function layerGrid(
  imageLayers: Array<Array<{ diffId: string; command: string }>>,
  sizes: Map<string, { sizeBytes: number; holders: number }>,
): GridCell[][] {
  const height = Math.max(0, ...imageLayers.map((l) => l.length));
  const rows: GridCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row: GridCell[] = [];
    for (let c = 0; c < imageLayers.length; c++) {
      const layer = imageLayers[c]?.[r];
      if (!layer) continue;
      const last = row.at(-1);
      if (last && last.diffId === layer.diffId && last.column + last.span === c) {
        last.span++;
        continue;
      }
      const known = sizes.get(layer.diffId);
      row.push({
        column: c,
        span: 1,
        diffId: layer.diffId,
        command: layer.command,
        sizeBytes: known?.sizeBytes ?? 0,
        holders: known?.holders ?? 1,
      });
    }
    rows.push(row);
  }
  return rows;
}
