/**
 * Strata's report (`strata --report FILE`), documented in README.md "Report schema".
 * dive's figures keep dive's names (sizeBytes, userSizeBytes, wastedBytes, wastedUserPercent,
 * efficiency, files); Strata's own measures sit beside them.
 */
import type { BaseImage } from './base-image.js';
import type { InefficientFile } from './efficiency.js';
import type { HistoryItem } from './history.js';
import type { InstructionKind } from './instruction.js';
import type { Tally } from './stack.js';

export interface InstructionReport {
  kind: InstructionKind;
  text: string;
  raw: string;
}

export interface ImageReport {
  source: string;
  digest: string;
  configDigest: string;
  names: string[];
  /** `os/architecture[/variant]`. */
  platform: string;
  layerCount: number;
  /** dive: Σ layer sizes (tar header sizes). */
  sizeBytes: number;
  /** Σ stored (compressed) blob sizes. */
  compressedSizeBytes: number;
  /** dive: Σ sizes of layers 1..n. */
  userSizeBytes: number;
  /** dive: Σ cumulative size of paths seen in 2+ layers (the kept copy included). */
  wastedBytes: number;
  /** dive: wastedBytes / userSizeBytes; null when the image adds no user bytes. */
  wastedUserPercent: number | null;
  /** dive: Σ smallest occurrence / Σ all occurrences, per path. */
  efficiency: number;
  /** dive's "files": nodes of every layer's own tree, summed. */
  files: number;
  /** Non-directory entries of the final merged file system. */
  fileCount: number;
  /** Bytes the layers store that the final image never shows (overwritten or deleted later). */
  recoverableBytes: number;
  baseImage: BaseImage;
}

export interface LayerReport {
  index: number;
  digest: string;
  diffId: string;
  mediaType: string;
  sizeBytes: number;
  compressedSizeBytes: number;
  /** dive's node count of this layer's tree. */
  files: number;
  historyIndex: number | null;
  instruction: InstructionReport;
  /** dive's command column. */
  command: string;
  added: Tally;
  modified: Tally;
  removed: Tally;
  unmodified: Tally;
  /** Bytes of this layer that later layers overwrite or delete. */
  shadowedBytes: number;
  inBaseImage: boolean;
}

export type HistoryReport = Omit<HistoryItem, 'instruction'> & { instruction: InstructionReport };

export interface Report {
  schemaVersion: 1;
  image: ImageReport;
  layers: LayerReport[];
  history: HistoryReport[];
  inefficientFiles: InefficientFile[];
}
