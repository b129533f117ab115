/**
 * The store end to end without a browser: the worker port is the real ExplorerHost called in
 * process, the API is faked. Checks the tree glue: windows of rows, cursor, collapse, reveal.
 */
import type { Report } from '@strata/contract';
import { describe, expect, it, vi } from 'vitest';
import { ExplorerHost } from '../worker/explorer-host.js';
import type { ExplorerPort } from '../worker/explorer-client.js';
import type { Request } from '../worker/protocol.js';
import { testModel } from '../worker/test-model.js';
import { createAppStore } from './app-store.js';
import type { Deps } from './deps.js';
import { urlStateOf } from './url-of-state.js';

function fakeDeps(): Deps & { navigated: unknown[]; marks: string[] } {
  const host = new ExplorerHost();
  const port: ExplorerPort = {
    call: async (req: Request) => {
      switch (req.op) {
        case 'load':
          return host.load(testModel()) as never;
        case 'view':
          return host.view(req.query, req.rows) as never;
        case 'rows':
          return host.slice(req.start, req.end) as never;
        case 'layersOf':
          return host.layersOf(req.path) as never;
        case 'dirs':
          return host.dirs() as never;
      }
    },
  };
  const report = {
    layers: [{ index: 0 }, { index: 1 }],
    image: {},
    history: [],
    inefficientFiles: [],
  } as unknown as Report;
  const navigated: unknown[] = [];
  const marks: string[] = [];
  return {
    navigated,
    marks,
    explorer: () => port,
    listAnalyses: async () => [],
    fetchReport: async () => report,
    fetchDocuments: async () => ({ manifest: {}, config: {} }),
    deleteAnalysis: async () => undefined,
    startReference: async () => 'job-1',
    lookupPlatforms: async (req) => ({ reference: req.reference, digest: '', index: false, platforms: [] }),
    cancelJob: async () => undefined,
    upload: () => ({ jobId: Promise.resolve('job-1'), abort: () => undefined }),
    followJob: () => () => undefined,
    modelUrl: (id) => `/m/${id}`,
    navigate: (state, push) => navigated.push([state, push]),
    now: () => 0,
    mark: (name) => marks.push(name),
  };
}

const paths = (store: ReturnType<typeof createAppStore>) =>
  store.getState().tree.window.rows.map((r) => r.path);

describe('app store', () => {
  it('opens an analysis at a layer and path from a URL', async () => {
    const deps = fakeDeps();
    const store = createAppStore(deps);
    await store.getState().openAnalysis('sha256-1', { layer: 1, path: '/etc/l' });
    const s = store.getState();
    expect(s.route).toBe('analysis');
    expect(s.layer).toBe(1);
    expect(s.tree.count).toBe(6);
    expect(s.tree.cursor).toBe(3);
    expect(s.tree.cursorRow?.path).toBe('/etc/l');
    expect(deps.navigated[0]).toEqual([{ analysis: 'sha256-1', layer: 1, path: '/etc/l' }, false]);
    expect(deps.marks).toContain('strata:first-render:start');
  });

  it('opens a deep link with its view (mode, hidden, filter, sort, pane, tab) and writes it back the same', async () => {
    const deps = fakeDeps();
    const store = createAppStore(deps);
    const link = {
      analysis: 'sha256-1',
      layer: 1,
      mode: 'aggregate' as const,
      hidden: ['unmodified' as const],
      filter: 'ETC',
      sort: 'size' as const,
      pane: 'layers' as const,
      tab: 'config' as const,
      path: '/etc/a',
    };
    await store.getState().openAnalysis('sha256-1', link);
    const s = store.getState();
    expect(s.tree.mode).toBe('aggregate');
    expect([...s.tree.hidden]).toEqual(['unmodified']);
    expect(s.tree.sort).toBe('size');
    expect(s.pane).toBe('layers');
    expect(s.tab).toBe('config');
    // Case-insensitive by default: ETC finds /etc and what is below it.
    expect(s.tree.lastView?.matches).toBe(4);
    expect(urlStateOf(s)).toEqual(link);
  });

  it('keeps the cursor on its path across a layer switch, and marks the switch', async () => {
    const deps = fakeDeps();
    const store = createAppStore(deps);
    await store.getState().openAnalysis('sha256-1', { layer: 1, path: '/usr/big' });
    expect(store.getState().tree.cursor).toBe(5);
    store.getState().selectLayer(0);
    await vi.waitFor(() => expect(store.getState().tree.count).toBe(5));
    expect(store.getState().tree.cursorRow?.path).toBe('/usr/big');
    expect(store.getState().tree.cursor).toBe(4);
    expect(deps.marks).toContain('strata:layer-switch:start');
    store.getState().measured();
    expect(deps.marks).toContain('strata:layer-switch:end');
  });

  it('moves, collapses and expands with the same actions the keys use', async () => {
    const store = createAppStore(fakeDeps());
    await store.getState().openAnalysis('sha256-1', { layer: 1 });
    store.getState().moveBy(-5);
    expect(store.getState().tree.cursorRow?.path).toBe('/etc');
    store.getState().toggleCollapse();
    await vi.waitFor(() => expect(paths(store)).toEqual(['/etc', '/usr', '/usr/big']));
    store.getState().moveBy(1);
    store.getState().collapseOrAscend();
    await vi.waitFor(() => expect(paths(store)).toEqual(['/etc', '/usr']));
    await store.getState().collapseAll();
    expect(paths(store)).toEqual(['/etc', '/usr']);
    store.getState().expandAll();
    await vi.waitFor(() => expect(store.getState().tree.count).toBe(6));
  });

  it('reveals a path where it shows, clearing a filter that hid it', async () => {
    const store = createAppStore(fakeDeps());
    await store.getState().openAnalysis('sha256-1', { layer: 0 });
    store.getState().setFilter({ text: 'usr', regex: false });
    await vi.waitFor(() => expect(store.getState().tree.count).toBe(2));
    // /etc/l exists only from layer 1, and the filter hides it.
    await store.getState().reveal('/etc/l', [1]);
    const s = store.getState();
    expect(s.layer).toBe(1);
    expect(s.tree.filter.text).toBe('');
    expect(s.tree.cursorRow?.path).toBe('/etc/l');
    expect(s.markedLayers).toEqual([1]);
    expect(s.pane).toBe('tree');
  });

  it('shows a readable error when the upload is refused', async () => {
    const deps = fakeDeps();
    deps.upload = () => ({
      jobId: Promise.reject(Object.assign(new Error('no manifest.json'), { code: 'NOT_AN_IMAGE' })),
      abort: () => undefined,
    });
    const store = createAppStore(deps);
    await store.getState().uploadFile(new File(['x'], 'notes.txt'));
    // A plain Error has no API code: the message is kept, with a generic hint.
    expect(store.getState().startError?.message).toBe('no manifest.json');
    expect(store.getState().upload).toBeUndefined();
  });

  it("selects a layer from an advice finding, marking the finding's other layers", async () => {
    const store = createAppStore(fakeDeps());
    await store.getState().openAnalysis('sha256-1', { layer: 0 });
    await store.getState().reveal('/etc/l', [1]);
    expect(store.getState().markedPath).toBe('/etc/l');
    store.getState().showLayer(1, [0, 1]);
    const s = store.getState();
    expect(s.layer).toBe(1);
    expect(s.markedLayers).toEqual([0, 1]);
    expect(s.markedPath).toBeUndefined();
    expect(s.pane).toBe('layers');
  });
});
