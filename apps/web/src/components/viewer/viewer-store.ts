/** Which file the viewer shows (its own small store: the analysis page's store stays as it is). */
import type { ChangeStatus, EntryType } from '@strata/analysis';
import { createStore, useStore } from 'zustand';

export interface ViewerTarget {
  analysisId: string;
  /** Absolute path as the tree shows it. */
  path: string;
  layer: number;
  status: ChangeStatus;
  type: EntryType;
  size: number;
}

interface ViewerState {
  target: ViewerTarget | undefined;
  open(target: ViewerTarget): void;
  close(): void;
}

export const viewerStore = createStore<ViewerState>()((set) => ({
  target: undefined,
  open: (target) => set({ target }),
  close: () => set({ target: undefined }),
}));

export function useViewer<T>(select: (s: ViewerState) => T): T {
  return useStore(viewerStore, select);
}

/** Files, links and hardlinks open; directories and removed paths have no bytes to show. */
export function canOpen(row: { type: EntryType; status: ChangeStatus } | undefined): boolean {
  return (
    !!row &&
    row.type !== 'dir' &&
    row.status !== 'removed' &&
    ['file', 'symlink', 'hardlink'].includes(row.type)
  );
}
