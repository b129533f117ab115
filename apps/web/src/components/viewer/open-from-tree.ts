/** The one hook-up with the analysis page: open the row under the tree's cursor (Enter, double-click, Open). */
import type { Row } from '@strata/analysis';
import { appStore } from '../../store/app-store.js';
import { canOpen, viewerStore } from './viewer-store.js';

export function openRow(row: Row | undefined = appStore.getState().tree.cursorRow): boolean {
  const { analysisId, layer } = appStore.getState();
  if (!analysisId || !row || !canOpen(row)) return false;
  viewerStore
    .getState()
    .open({ analysisId, path: row.path, layer, status: row.status, type: row.type, size: row.size });
  return true;
}
