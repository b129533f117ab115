/**
 * History <-> layer mapping (image-spec config.md `history`): entries with `empty_layer`
 * keep their place but make no layer; the others map to layers in order. Like dive, a layer
 * with no history entry left is `(missing)`.
 */
import { parseInstruction, type Instruction } from './instruction.js';
import type { HistoryEntry } from './types.js';

export interface HistoryItem {
  index: number;
  created?: string;
  createdBy: string;
  comment?: string;
  emptyLayer: boolean;
  /** The layer this entry made, or null for an empty entry (or one beyond the layers). */
  layerIndex: number | null;
  instruction: Instruction;
}

export const MISSING_HISTORY = '(missing)';

export function mapHistory(
  history: HistoryEntry[],
  layerCount: number,
): { items: HistoryItem[]; layerHistory: number[] } {
  const layerHistory: number[] = [];
  const items = history.map((entry, index): HistoryItem => {
    const makesLayer = !entry.empty_layer && layerHistory.length < layerCount;
    if (makesLayer) layerHistory.push(index);
    const createdBy = entry.created_by ?? '';
    const item: HistoryItem = {
      index,
      createdBy,
      emptyLayer: entry.empty_layer === true,
      layerIndex: makesLayer ? layerHistory.length - 1 : null,
      instruction: parseInstruction(createdBy),
    };
    if (entry.created !== undefined) item.created = entry.created;
    if (entry.comment !== undefined) item.comment = entry.comment;
    return item;
  });
  return { items, layerHistory };
}

/** The instruction of layer `i`, or a `(missing)` placeholder. */
export function layerInstruction(items: HistoryItem[], layerHistory: number[], layer: number): Instruction {
  const at = layerHistory[layer];
  return at === undefined ? parseInstruction(MISSING_HISTORY) : (items[at] as HistoryItem).instruction;
}
