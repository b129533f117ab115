/**
 * What the address bar holds, so a link can be shared and a reload lands on the same place.
 * Query parameters on `/` work with any static file server (no SPA fallback needed).
 */
export interface UrlState {
  analysis?: string;
  layer?: number;
  path?: string;
}

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const state: UrlState = {};
  const analysis = q.get('analysis');
  if (analysis) state.analysis = analysis;
  const layer = Number(q.get('layer'));
  if (q.has('layer') && Number.isInteger(layer) && layer >= 0) state.layer = layer;
  const path = q.get('path');
  if (path && path.startsWith('/')) state.path = path;
  return state;
}

export function formatUrlState(state: UrlState): string {
  if (!state.analysis) return '/';
  const q = new URLSearchParams({ analysis: state.analysis });
  if (state.layer !== undefined) q.set('layer', String(state.layer));
  if (state.path) q.set('path', state.path);
  // Slashes stay readable in a shared link; URLSearchParams would encode them as %2F.
  return `/?${q.toString().replace(/%2F/g, '/')}`;
}
