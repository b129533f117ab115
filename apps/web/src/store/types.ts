import type { StateCreator } from 'zustand';
import type { AnalysisSlice } from './analysis-slice.js';
import type { Deps } from './deps.js';
import type { PlatformSlice } from './platform-slice.js';
import type { StartSlice } from './start-slice.js';
import type { TreeSlice } from './tree-slice.js';

export type AppState = StartSlice & PlatformSlice & AnalysisSlice & TreeSlice;

export type Slice<T> = (deps: Deps) => StateCreator<AppState, [], [], T>;
