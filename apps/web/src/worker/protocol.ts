/** Messages between the page and the explorer worker (one request, one reply, matched by id). */
import type { ChangeStatus, CompareMode, ModelPackage, Row, SortKey } from '@strata/analysis';
import type { FilterSpec } from '../lib/filter.js';
import type { PackageSpec } from '../lib/package-filter.js';

export interface TreeQuery {
  layer: number;
  mode: CompareMode;
  hidden: ChangeStatus[];
  filter: FilterSpec;
  /** Only the files of this package (with the path filter: both). */
  pkg?: PackageSpec;
  sort: SortKey;
  collapsed: number[];
  /** A path to bring into view: its collapsed ancestors are opened, its row index returned. */
  focusPath?: string;
}

export interface ViewResult {
  count: number;
  /** Row index of `focusPath` in this view, -1 when it does not show (or none was asked). */
  focusIndex: number;
  /** Ancestors of `focusPath` that were collapsed and are now open. */
  opened: number[];
  /** Paths present at this layer whose own path matches the filter; -1 without a filter. */
  matches: number;
  /** Filter error (invalid regex): the view is then unfiltered. */
  filterError?: string;
  /** Time the worker spent computing the view. */
  ms: number;
}

export interface ModelInfo {
  nodeCount: number;
  layerCount: number;
  /** The model's package table (rows' `pkg` index it, minus one); undefined: contents not read. */
  packages: ModelPackage[] | undefined;
  ms: number;
}

export type Request =
  | { op: 'load'; url: string }
  | { op: 'view'; query: TreeQuery }
  | { op: 'rows'; start: number; end: number }
  | { op: 'layersOf'; path: string }
  | { op: 'dirs' };

export interface Replies {
  load: ModelInfo;
  view: ViewResult;
  rows: Row[];
  layersOf: number[];
  dirs: number[];
}

export type Envelope = { id: number } & Request;
export type ReplyEnvelope =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
