/**
 * What every node is at one layer in one compare mode: present or not, its own change and the
 * one rolled up from below (dive filetree/file_node.go `deriveDiffType`), and the directory
 * sizes. Two passes over typed arrays, parents first then children first; the scratch arrays are
 * reused, and what is kept is three bytes per node plus a size per directory, so every layer of
 * a million-path image stays cached and a layer switch recomputes nothing.
 */
import type { CompareMode } from './explorer.js';
import { TYPES } from './compact-model.js';

export const ADDED = 0;
export const MODIFIED = 1;
export const REMOVED = 2;
export const UNMODIFIED = 3;
export const DIR = TYPES.indexOf('dir');

/** Every node's events (its changes, in layer order) in CSR form: start[n] .. start[n + 1]. */
export interface NodeEvents {
  start: Int32Array;
  layer: Int32Array;
  /** Position in the layer's columns. */
  at: Int32Array;
  status: Uint8Array;
  type: Uint8Array;
  size: Float64Array;
}

/** Nodes that have children in the union tree get a slot for their size (the others' is their own). */
export interface SizeSlots {
  slotOf: Int32Array;
  nodes: Int32Array;
}

export interface LayerState {
  layer: number;
  present: Uint8Array;
  /** Own status code (into STATUSES) and the rolled-up one. */
  own: Uint8Array;
  status: Uint8Array;
  /** By slot: Σ of non-directory sizes below (and the node's own when it is not a directory). */
  slotSizes: Float64Array;
}

/** Reused between computations: the last event per node, a flag per node, a size per node. */
export interface Scratch {
  last: Int32Array;
  differs: Uint8Array;
  sizes: Float64Array;
}

export function scratchFor(n: number): Scratch {
  return { last: new Int32Array(n), differs: new Uint8Array(n), sizes: new Float64Array(n) };
}

/** Index of a node's last event up to a layer, -1 when it has none. */
export function lastEvent(ev: NodeEvents, node: number, layer: number): number {
  let e = (ev.start[node] as number) - 1;
  const end = ev.start[node + 1] as number;
  while (e + 1 < end && (ev.layer[e + 1] as number) <= layer) e++;
  return e < (ev.start[node] as number) ? -1 : e;
}

/** What a layer's state is computed from. */
export interface StateInput {
  parent: Int32Array;
  ev: NodeEvents;
  slots: SizeSlots;
  layer: number;
  mode: CompareMode;
  scratch: Scratch;
}

export function computeState(input: StateInput): LayerState {
  const steps = stateSlices(input, input.parent.length);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same computation a slice of `slice` nodes at a time (yielding between slices), for the
 * worker's idle time: a request arriving meanwhile waits for one slice, not a whole layer. The
 * scratch arrays must not be used by anything else until it returns.
 */
export function* stateSlices(input: StateInput, slice: number): Generator<void, LayerState, void> {
  const { parent, ev, slots, layer, mode, scratch } = input;
  const n = parent.length;
  const present = new Uint8Array(n);
  const own = new Uint8Array(n).fill(UNMODIFIED);
  for (let from = 0; from < n; from += slice) {
    ownStatuses(ev, layer, mode, scratch.last, present, own, from, Math.min(n, from + slice));
    if (from + slice < n) yield;
  }
  const status = Uint8Array.from(own);
  scratch.differs.fill(0);
  scratch.sizes.fill(0);
  for (let to = n; to > 0; to -= slice) {
    rollUp(parent, ev, present, own, status, scratch, Math.max(0, to - slice), to);
    if (to - slice > 0) yield;
  }
  const slotSizes = new Float64Array(slots.nodes.length);
  for (let s = 0; s < slots.nodes.length; s++)
    slotSizes[s] = scratch.sizes[slots.nodes[s] as number] as number;
  return { layer, present, own, status, slotSizes };
}

/** Per node: its last event up to the layer, whether it shows, and its own mark. */
function ownStatuses(
  ev: NodeEvents,
  layer: number,
  mode: CompareMode,
  last: Int32Array,
  present: Uint8Array,
  own: Uint8Array,
  from: number,
  to: number,
): void {
  for (let node = from; node < to; node++) {
    const first = ev.start[node] as number;
    const end = ev.start[node + 1] as number;
    let e = first - 1;
    let changedAfterBase = false;
    while (e + 1 < end && (ev.layer[e + 1] as number) <= layer) {
      e++;
      if ((ev.layer[e] as number) > 0 && ev.status[e] !== UNMODIFIED) changedAfterBase = true;
    }
    last[node] = e < first ? -1 : e;
    if (e < first) continue;
    const status = ev.status[e] as number;
    const inThisLayer = ev.layer[e] === layer;
    if (mode === 'layer') {
      if (status === REMOVED && !inThisLayer) continue;
      own[node] = inThisLayer ? status : UNMODIFIED;
    } else if (status === REMOVED) own[node] = REMOVED;
    else if ((ev.layer[first] as number) > 0) own[node] = ADDED;
    else own[node] = changedAfterBase ? MODIFIED : UNMODIFIED;
    present[node] = 1;
  }
}

/**
 * Children before parents (the model lists parents first), in one pass:
 * - statuses as dive's `deriveDiffType` merges them: a directory keeps its own status when every
 *   child has that same status, else it is modified;
 * - sizes: Σ of non-directory sizes below. What a layer removes keeps its size, for the
 *   struck-through rows, but does not count in a parent that stays.
 * Over nodes [from, to), last first; a caller going down in slices covers children first.
 */
function rollUp(
  parent: Int32Array,
  ev: NodeEvents,
  present: Uint8Array,
  own: Uint8Array,
  status: Uint8Array,
  scratch: Scratch,
  from: number,
  to: number,
): void {
  const { last, differs, sizes } = scratch;
  for (let node = to - 1; node >= from; node--) {
    if (!present[node]) continue;
    const e = last[node] as number;
    const isDir = ev.type[e] === DIR;
    if (differs[node] && isDir) status[node] = MODIFIED;
    if (!isDir) sizes[node] = (sizes[node] as number) + (ev.size[e] as number);
    const p = parent[node] as number;
    if (p < 0) continue;
    if (status[node] !== own[p]) differs[p] = 1;
    if (present[p] && (ev.status[e] === REMOVED) === (ev.status[last[p] as number] === REMOVED))
      sizes[p] = (sizes[p] as number) + (sizes[node] as number);
  }
}

/** A node's size at the state's layer as the sort and the directory rows see it. */
export function sizeAt(state: LayerState, ev: NodeEvents, slots: SizeSlots, node: number): number {
  const slot = slots.slotOf[node] as number;
  if (slot >= 0) return state.slotSizes[slot] as number;
  if (!state.present[node]) return 0;
  const e = lastEvent(ev, node, state.layer);
  return ev.type[e] === DIR ? 0 : (ev.size[e] as number);
}
