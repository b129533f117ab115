/** One zustand store in slices: start page, platform lookup, open analysis, file tree. */
import { createStore, useStore, type StoreApi } from 'zustand';
import { createAnalysisSlice } from './analysis-slice.js';
import { browserDeps, type Deps } from './deps.js';
import { createPlatformSlice } from './platform-slice.js';
import { createStartSlice } from './start-slice.js';
import { createTreeSlice } from './tree-slice.js';
import type { AppState } from './types.js';

export type { AppState } from './types.js';

export function createAppStore(deps: Deps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createStartSlice(deps)(...a),
    ...createPlatformSlice(deps)(...a),
    ...createAnalysisSlice(deps)(...a),
    ...createTreeSlice(deps)(...a),
  }));
}

export const appDeps = browserDeps();
export const appStore = createAppStore(appDeps);

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
