import { humanBytes } from '@strata/analysis';
import { useState } from 'react';
import { useApp } from '../store/app-store.js';
import { useRoving } from './use-roving.js';

/**
 * dive's inefficient files; a click (or Enter on a row) reveals the path in the tree and marks its
 * layers. The rows are one Tab stop; the arrows move between them. A million-file image has tens
 * of thousands of them: the table grows a page at a time, since a 40,000-row table held the
 * page's main thread for seconds (creating the rows, then every layout of the page).
 */
const FIRST_PAGE = 200;
const MORE = 1000;

export function InefficientFiles() {
  const files = useApp((s) => s.report?.inefficientFiles);
  const markedPath = useApp((s) => s.markedPath);
  const reveal = useApp((s) => s.reveal);
  const select = useApp((s) => s.selectLayer);
  const [shown, setShown] = useState(FIRST_PAGE);
  const rows = files?.slice(0, shown) ?? [];
  const roving = useRoving(rows.length);
  if (!files) return null;
  return (
    <section className="pane inefficient-pane" aria-labelledby="inefficient-title">
      <h2 id="inefficient-title">
        Inefficient files <span className="muted small">({files.length})</span>
      </h2>
      {files.length === 0 ? (
        <p className="muted small">No path appears in more than one layer.</p>
      ) : (
        <table className="inefficient-table">
          <thead>
            <tr>
              <th className="num">Count</th>
              <th className="num">Wasted</th>
              <th>Path</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f, i) => {
              const props = roving(i);
              return (
                <tr
                  key={f.path}
                  className={f.path === markedPath ? 'marked' : ''}
                  onClick={() => void reveal(f.path, f.layers)}
                  title="Show in the file tree"
                  aria-label={`${f.path}: ${f.count} copies, ${humanBytes(f.bytes)} wasted`}
                  tabIndex={props.tabIndex}
                  ref={props.ref}
                  onFocus={props.onFocus}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) {
                      e.preventDefault();
                      void reveal(f.path, f.layers);
                    } else props.onKeyDown(e);
                  }}
                >
                  <td className="num">{f.count}</td>
                  <td className="num" title={`${f.bytes} bytes`}>
                    {humanBytes(f.bytes)}
                  </td>
                  <td className="path">
                    {f.path}
                    {f.path === markedPath && (
                      <div className="layer-chips">
                        in layers{' '}
                        {f.layers.map((l) => (
                          <button
                            type="button"
                            key={l}
                            className="chip"
                            onClick={(e) => {
                              e.stopPropagation();
                              select(l);
                            }}
                          >
                            {l}
                          </button>
                        ))}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {files.length > rows.length && (
        <button type="button" className="show-more" onClick={() => setShown(shown + MORE)}>
          Show {Math.min(MORE, files.length - rows.length).toLocaleString()} more (
          {rows.length.toLocaleString()} of {files.length.toLocaleString()} shown)
        </button>
      )}
    </section>
  );
}
