import { humanBytes } from '@strata/analysis';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatMode } from '../lib/file-mode.js';
import { packageTitle, specOf } from '../lib/package-filter.js';
import { scrollToReveal, visibleRange } from '../lib/virtual-window.js';
import { appStore, useApp } from '../store/app-store.js';
import { ROW_HEIGHT, TreeRow } from './TreeRow.js';
import { TreeToolbar } from './TreeToolbar.js';
import { FileViewer } from './viewer/FileViewer.js';
import { openRow } from './viewer/open-from-tree.js';
import { canOpen } from './viewer/viewer-store.js';

/** Rows rendered beyond the viewport so fast scrolling does not show blanks. */
const OVERSCAN = 8;

/**
 * The stacked tree at the selected layer, virtualized: a tall empty box sized for every row, and
 * absolutely placed rows for only the ones in view.
 */
export function FileTree() {
  const count = useApp((s) => s.tree.count);
  const layer = useApp((s) => s.layer);
  const focused = useApp((s) => s.pane === 'tree');
  const scroll = useApp((s) => s.tree.scroll);
  const window = useApp((s) => s.tree.window);
  const measure = useApp((s) => s.tree.measure);
  const cursor = useApp((s) => s.tree.cursor);
  const matches = useApp((s) => s.tree.lastView?.matches ?? -1);
  const setVisible = useApp((s) => s.setVisible);
  const setPane = useApp((s) => s.setPane);
  const measured = useApp((s) => s.measured);
  const hasPackages = useApp((s) => (s.packages?.length ?? 0) > 0);
  const list = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    setVisible(visibleRange(top, height, ROW_HEIGHT, Number.MAX_SAFE_INTEGER, 0));
  }, [top, height, setVisible]);

  // Bring the cursor into view when the store asks (keys, reveal, a new view).
  useLayoutEffect(() => {
    const el = list.current;
    if (!el || scroll.seq === 0) return;
    // Read, not subscribed: the scroll signal is what triggers this effect.
    const cursor = appStore.getState().tree.cursor;
    const target = scroll.center
      ? Math.max(0, cursor * ROW_HEIGHT - el.clientHeight / 2)
      : scrollToReveal(cursor, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (Math.abs(target - el.scrollTop) >= 1) el.scrollTop = target;
  }, [scroll]);

  useEffect(() => {
    // Only when no other control has focus (the pane also follows focus, see onFocus below).
    const active = document.activeElement;
    if (focused && (!active || active === document.body || active.classList.contains('layer-list')))
      list.current?.focus({ preventScroll: true });
  }, [focused]);

  // The rows of the measured view are on screen: close the performance measure.
  useEffect(() => {
    if (measure && window.seq >= measure.seq) measured();
  }, [window, measure, measured]);

  const range = visibleRange(top, height, ROW_HEIGHT, count, OVERSCAN);
  const indices: number[] = [];
  for (let i = range.start; i < range.end; i++) indices.push(i);

  return (
    <section className={`pane tree-pane${focused ? ' focused' : ''}`} aria-labelledby="tree-title">
      <div className="tree-title">
        <h2 id="tree-title">
          Files at layer {layer}{' '}
          <span className="muted small" data-testid="row-count">
            {count.toLocaleString()} rows
          </span>{' '}
          {matches >= 0 && (
            <span className="muted small" data-testid="match-count" role="status">
              {matches.toLocaleString()} {matches === 1 ? 'path matches' : 'paths match'} the filter
            </span>
          )}
        </h2>
      </div>
      <TreeToolbar />
      <div className={`tree-header${hasPackages ? ' with-pkg' : ''}`} aria-hidden>
        <span className="attr mode">permission</span>
        <span className="attr owner">uid:gid</span>
        <span className="attr size">size</span>
        <span className="attr status">change</span>
        {hasPackages && <span className="attr pkg">package</span>}
        <span className="name">name</span>
      </div>
      <div
        className="tree-list"
        ref={list}
        tabIndex={0}
        role="tree"
        aria-label="Files"
        aria-activedescendant={
          count > 0 && cursor >= range.start && cursor < range.end ? `tree-row-${cursor}` : undefined
        }
        data-filter-target
        onFocus={() => setPane('tree')}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        onKeyDown={(e) => e.key === 'Enter' && openRow() && e.preventDefault()}
      >
        <div className="tree-spacer" style={{ height: count * ROW_HEIGHT }}>
          {indices.map((i) => (
            <TreeRow key={i} index={i} />
          ))}
        </div>
        {count === 0 && (
          <div className="empty-tree muted">Nothing to show: check the filter and the change types.</div>
        )}
      </div>
      <TreeFooter />
      <FileViewer />
    </section>
  );
}

function TreeFooter() {
  const row = useApp((s) => s.tree.cursorRow);
  const layers = useApp((s) => s.tree.cursorLayers);
  const select = useApp((s) => s.selectLayer);
  const pkg = useApp((s) => (row ? s.packages?.[row.pkg - 1] : undefined));
  const setPackage = useApp((s) => s.setPackage);
  if (!row) return <footer className="tree-footer muted">No file selected</footer>;
  return (
    <footer className="tree-footer" data-testid="tree-footer">
      <span className="mono" data-testid="selected-path">
        {row.path}
      </span>
      <span className="mono">{formatMode(row.mode, row.type)}</span>
      <span className="mono">
        {row.uid}:{row.gid}
      </span>
      <span>{humanBytes(row.size)}</span>
      {row.linkTarget && <span className="mono">→ {row.linkTarget}</span>}
      <span className={`st-${row.status}`}>{row.status}</span>
      {pkg && (
        <span data-testid="selected-package">
          package{' '}
          <button
            type="button"
            className="chip"
            title={`${packageTitle(pkg)}: show only its files`}
            onClick={() => setPackage(specOf(pkg))}
          >
            {pkg.name} {pkg.version}
          </button>
        </span>
      )}
      {canOpen(row) && (
        <button type="button" className="chip" onClick={() => openRow(row)} title="Open the file (Enter)">
          Open
        </button>
      )}
      {layers.length > 0 && (
        <span>
          changed in layers{' '}
          {layers.map((l) => (
            <button
              type="button"
              className="chip"
              key={l}
              onClick={() => select(l)}
              aria-label={`Show layer ${l}`}
            >
              {l}
            </button>
          ))}
        </span>
      )}
    </footer>
  );
}
