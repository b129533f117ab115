import { humanBytes } from '@strata/analysis';
import { useApp } from '../store/app-store.js';

/** dive's inefficient files; a click reveals the path in the tree and marks its layers. */
export function InefficientFiles() {
  const files = useApp((s) => s.report?.inefficientFiles);
  const markedPath = useApp((s) => s.markedPath);
  const reveal = useApp((s) => s.reveal);
  const select = useApp((s) => s.selectLayer);
  if (!files) return null;
  return (
    <section className="pane inefficient-pane" aria-label="Inefficient files">
      <h2>
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
            {files.map((f) => (
              <tr
                key={f.path}
                className={f.path === markedPath ? 'marked' : ''}
                onClick={() => void reveal(f.path, f.layers)}
                title="Show in the file tree"
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
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
