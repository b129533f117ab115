/** What one generated layer holds, counted while it was written (tar entries by kind). */
export interface LayerStats {
  entries: number;
  /** New regular files. */
  files: number;
  dirs: number;
  symlinks: number;
  /** Regular files that replace a file of a lower layer. */
  overwrites: number;
  /** `.wh.<name>` entries, each deleting one file of a lower layer. */
  whiteouts: number;
  /** Bytes of regular-file data (big-layer images). */
  dataBytes?: number;
}

export const emptyStats = (): LayerStats => ({
  entries: 0,
  files: 0,
  dirs: 0,
  symlinks: 0,
  overwrites: 0,
  whiteouts: 0,
});
