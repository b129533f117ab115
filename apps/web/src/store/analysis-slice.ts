/**
 * The open analysis: its report (one replaced reference, never mutated), the selected layer,
 * the focused pane and the help overlay. The file model itself lives in the worker.
 */
import type { ModelPackage } from '@strata/analysis';
import type { ImageDocuments, Report } from '@strata/contract';
import { ApiFailure } from '../api/http.js';
import { readableError, type ReadableError } from '../lib/errors.js';
import { nextPane, type Pane } from '../lib/keyboard.js';
import type { UrlState, UrlTab } from '../lib/url-state.js';
import { settingsFromUrl } from './url-of-state.js';
import type { Slice } from './types.js';

export type Route = 'start' | 'analysis';

export interface AnalysisSlice {
  route: Route;
  analysisId: string | undefined;
  report: Report | undefined;
  loading: boolean;
  loadError: ReadableError | undefined;
  layer: number;
  pane: Pane;
  /** The right-hand tab: the file tree, the image config, or the JSON documents. */
  tab: UrlTab;
  /** The manifest and config (loaded beside the report); undefined while loading or when absent. */
  documents: ImageDocuments | undefined;
  documentsError: string | undefined;
  /** The model's package table (the tree's package column); undefined when contents were not read. */
  packages: ModelPackage[] | undefined;
  /** The platform a deep link named, when it is not the analysis's own. */
  requestedPlatform: string | undefined;
  help: boolean;
  /** Layers an inefficient file appears in (or an advice finding involves), marked in the layers pane. */
  markedLayers: number[];
  markedPath: string | undefined;
  /** Layers whose instruction is shown in full in the layer list. */
  expandedLayers: ReadonlySet<number>;
  toggleInstruction(layer: number): void;
  openAnalysis(id: string, at: Omit<UrlState, 'analysis'>, push?: boolean): Promise<void>;
  goHome(): void;
  selectLayer(layer: number): void;
  /** Select `layer` in the layers pane with the other `layers` of the same finding marked. */
  showLayer(layer: number, layers: number[]): void;
  setPane(pane: Pane): void;
  cyclePane(direction: 1 | -1): void;
  setTab(tab: UrlTab): void;
  setHelp(open: boolean): void;
}

export const createAnalysisSlice: Slice<AnalysisSlice> = (deps) => (set, get) => ({
  route: 'start',
  analysisId: undefined,
  report: undefined,
  loading: false,
  loadError: undefined,
  layer: 0,
  pane: 'tree',
  tab: 'files',
  documents: undefined,
  documentsError: undefined,
  packages: undefined,
  requestedPlatform: undefined,
  help: false,
  markedLayers: [],
  markedPath: undefined,
  expandedLayers: new Set(),

  toggleInstruction(layer) {
    const next = new Set(get().expandedLayers);
    if (!next.delete(layer)) next.add(layer);
    set({ expandedLayers: next });
  },

  async openAnalysis(id, at, push = false) {
    deps.mark('strata:open');
    set({
      route: 'analysis',
      analysisId: id,
      report: undefined,
      loading: true,
      loadError: undefined,
      layer: at.layer ?? 0,
      pane: at.pane ?? 'tree',
      tab: at.tab ?? 'files',
      documents: undefined,
      documentsError: undefined,
      packages: undefined,
      requestedPlatform: at.platform,
      markedLayers: [],
      markedPath: undefined,
    });
    get().resetTree();
    set({ tree: { ...get().tree, ...settingsFromUrl(at) } });
    deps.navigate({ ...at, analysis: id, layer: at.layer ?? 0 }, push);
    void deps.fetchDocuments(id).then(
      (documents) => get().analysisId === id && set({ documents }),
      (e: unknown) =>
        get().analysisId === id &&
        set({
          documentsError:
            e instanceof ApiFailure && e.status === 404
              ? 'The manifest and config were not stored for this analysis (it predates them): analyze the image again to see them.'
              : `Loading the manifest and config failed: ${(e as Error).message}`,
        }),
    );
    try {
      const [report, model] = await Promise.all([
        deps.fetchReport(id),
        deps.explorer().call({ op: 'load', url: deps.modelUrl(id) }),
      ]);
      if (get().analysisId !== id) return;
      const last = Math.max(0, report.layers.length - 1);
      const platform = get().requestedPlatform;
      set({
        report,
        packages: model.packages,
        loading: false,
        layer: Math.min(get().layer, last),
        requestedPlatform: platform && platform !== report.image.platform ? platform : undefined,
      });
      await get().refreshView({ focusPath: at.path, measure: 'strata:first-render', center: true });
    } catch (e) {
      if (get().analysisId !== id) return;
      const code = e instanceof ApiFailure ? e.code : undefined;
      const err = readableError(code, (e as Error).message);
      set({
        loading: false,
        loadError:
          code === 'NOT_FOUND' || (e as ApiFailure).status === 404
            ? {
                title: 'This analysis is not on the server',
                message: err.message,
                hint: 'It may have been deleted or evicted to save space. Go back and analyze the image again.',
              }
            : err,
      });
    }
  },

  goHome() {
    set({
      route: 'start',
      analysisId: undefined,
      report: undefined,
      documents: undefined,
      loadError: undefined,
      help: false,
    });
    deps.navigate({}, true);
    void get().refreshRecent();
  },

  selectLayer(layer) {
    const count = get().report?.layers.length ?? 0;
    if (layer < 0 || layer >= count || layer === get().layer) return;
    set({ layer });
    void get().refreshView({ measure: 'strata:layer-switch' });
  },

  showLayer(layer, layers) {
    set({ markedLayers: layers, markedPath: undefined, pane: 'layers' });
    get().selectLayer(layer);
  },

  setPane(pane) {
    set({ pane });
  },

  cyclePane(direction) {
    set({ pane: nextPane(get().pane, direction), tab: 'files' });
  },

  setTab(tab) {
    set({ tab });
  },

  setHelp(open) {
    set({ help: open });
  },
});
