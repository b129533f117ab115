/**
 * The layers pane's list: every layer in order, with the history entries that made no layer
 * (ENV, LABEL, CMD…) placed where they happened, between the layers, to be shown dimmed.
 */
import type { LayerSummary, Report } from '@strata/contract';

export type LayerListItem =
  | { kind: 'layer'; layer: LayerSummary }
  | { kind: 'empty'; historyIndex: number; text: string; created?: string };

export function layerList(report: Pick<Report, 'layers' | 'history'>): LayerListItem[] {
  const items: LayerListItem[] = [];
  let nextHistory = 0;
  const emptiesUpTo = (end: number): void => {
    for (; nextHistory < end; nextHistory++) {
      const h = report.history[nextHistory];
      if (h && h.layerIndex === null) {
        const item: LayerListItem = {
          kind: 'empty',
          historyIndex: h.index,
          text: h.instruction.text || h.createdBy,
        };
        if (h.created) item.created = h.created;
        items.push(item);
      }
    }
  };
  for (const layer of report.layers) {
    // A layer without history ("(missing)") keeps its place without consuming entries.
    if (layer.historyIndex !== null) {
      emptiesUpTo(layer.historyIndex);
      nextHistory = Math.max(nextHistory, layer.historyIndex + 1);
    }
    items.push({ kind: 'layer', layer });
  }
  emptiesUpTo(report.history.length);
  return items;
}
