/**
 * Keeps the address bar and the store in step: the analysis, layer and selected path go into
 * the URL (replaceState while browsing, pushState when opening or leaving an analysis); back
 * and forward, and a reload, come back through `openFromUrl`.
 */
import type { StoreApi } from 'zustand';
import { formatUrlState, parseUrlState, type UrlState } from './lib/url-state.js';
import type { Deps } from './store/deps.js';
import type { AppState } from './store/types.js';

export function installUrlSync(store: StoreApi<AppState>, deps: Deps): void {
  deps.navigate = (state: UrlState, push: boolean) => {
    const url = formatUrlState(state);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s, prev) => {
    if (s.route !== 'analysis' || !s.analysisId) return;
    const path = s.tree.cursorRow?.path;
    if (s.layer === prev.layer && path === prev.tree.cursorRow?.path) return;
    if (!s.report) return;
    // Holding j down would otherwise write hundreds of history entries a second.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = store.getState();
      if (!now.analysisId) return;
      const state: UrlState = { analysis: now.analysisId, layer: now.layer };
      const p = now.tree.cursorRow?.path;
      if (p) state.path = p;
      deps.navigate(state, false);
    }, 120);
  });
  const openFromUrl = (): void => {
    const state = parseUrlState(location.search);
    const s = store.getState();
    if (state.analysis) {
      if (state.analysis !== s.analysisId) void s.openAnalysis(state.analysis, state);
    } else if (s.route !== 'start') {
      store.setState({ route: 'start', analysisId: undefined, report: undefined });
    }
  };
  window.addEventListener('popstate', openFromUrl);
  openFromUrl();
}
