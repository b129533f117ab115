/**
 * Keeps the address bar and the store in step: the analysis, layer, selected path and the view
 * around them (store/url-of-state.ts) go into the URL (replaceState while browsing, pushState
 * when opening or leaving an analysis); back and forward, and a reload, come back through
 * `openFromUrl`. The page title names the open image.
 */
import type { StoreApi } from 'zustand';
import { formatUrlState, parseUrlState, type UrlState } from './lib/url-state.js';
import type { Deps } from './store/deps.js';
import type { AppState } from './store/types.js';
import { urlStateOf } from './store/url-of-state.js';

export function titleOf(s: AppState): string {
  if (s.route !== 'analysis') return 'Strata';
  const image = s.report?.image;
  const name = image ? (image.names[0] ?? image.source) : s.analysisId;
  return image ? `${name} (${image.platform}) · Strata` : `${name ?? ''} · Strata`;
}

export function installUrlSync(store: StoreApi<AppState>, deps: Deps): void {
  deps.navigate = (state: UrlState, push: boolean) => {
    const url = formatUrlState(state);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  store.subscribe((s) => {
    document.title = titleOf(s);
    if (s.route !== 'analysis' || !s.analysisId || !s.report) return;
    const url = formatUrlState(urlStateOf(s));
    if (url === last) return;
    last = url;
    // Holding j down would otherwise write hundreds of history entries a second.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = store.getState();
      if (now.analysisId) deps.navigate(urlStateOf(now), false);
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
