/**
 * Advice findings (issue 6): why bytes are wasted and the Dockerfile that wins them back.
 * Pure data, so the report, the CLI and the web app share it.
 */
export type Severity = 'high' | 'medium' | 'low' | 'info';

export type RuleId =
  | 'secrets'
  | 'package-leftovers'
  | 'metadata-rewrite'
  | 'context-leaks'
  | 'cleanup-later'
  | 'multi-stage'
  | 'duplicate-content'
  | 'run-chain'
  | 'layer-count';

export interface AdviceFile {
  /** Absolute path in the image. */
  path: string;
  bytes: number;
  /** The layer that stores these bytes. */
  layer: number;
  /** Duplicate content: the path of the copy kept (the earliest one). */
  copyOf?: string;
}

export interface AdviceFix {
  /** The Dockerfile as reconstructed from the image history. */
  before: string;
  /** The same Dockerfile with this finding's fix applied. */
  after: string;
  /** Lines for `.dockerignore`, when the fix is (also) to stop sending files to the build. */
  dockerignore?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  title: string;
  explanation: string;
  /** Layer indexes involved, ascending. */
  layers: number[];
  /** History indexes of the instructions involved, ascending. */
  instructions: number[];
  /** The biggest files involved (top N), biggest first. */
  files: AdviceFile[];
  /** How many files are involved in all (`files` lists at most the top N of them). */
  fileCount: number;
  /** Their bytes in all. */
  filesBytes: number;
  /** Bytes the layers would no longer store once the fix is applied (claimed by this finding only). */
  recoverableBytes: number;
  fix: AdviceFix;
}
