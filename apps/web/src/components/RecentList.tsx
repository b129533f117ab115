import { humanBytes, percent } from '@strata/analysis';
import type { AnalysisListItem } from '@strata/contract';
import { useMemo, useState } from 'react';
import { useApp } from '../store/app-store.js';
import { ErrorBox } from './ErrorBox.js';

/** Newest analysis first, as the "Analyzed" column says (the server lists by last use). */
export function byAnalyzedDate(items: readonly AnalysisListItem[]): AnalysisListItem[] {
  return [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function RecentList() {
  const recent = useApp((s) => s.recent);
  const error = useApp((s) => s.recentError);
  const open = useApp((s) => s.openAnalysis);
  const remove = useApp((s) => s.deleteRecent);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const sorted = useMemo(() => (recent ? byAnalyzedDate(recent) : undefined), [recent]);
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent analyses</h2>
      {error && <ErrorBox error={error} />}
      {sorted && sorted.length === 0 && <p className="muted">None yet: drop an image above.</p>}
      {sorted && sorted.length > 0 && (
        <table className="recent-table">
          <thead>
            <tr>
              <th>Image</th>
              <th className="num">Size</th>
              <th className="num">Efficiency</th>
              <th aria-sort="descending">Analyzed ↓</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => void open(r.id, {}, true)}>
                    {r.name}
                  </button>
                  <div className="muted small">
                    {r.platform} · {r.layerCount} layers
                  </div>
                </td>
                <td className="num">{humanBytes(r.sizeBytes)}</td>
                <td className="num">{percent(r.efficiency)}</td>
                <td>
                  <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>
                </td>
                <td className="actions">
                  {confirming === r.id ? (
                    <span role="group" aria-label={`Delete ${r.name}?`} className="confirm">
                      <span className="small">Delete for everyone?</span>
                      <button
                        type="button"
                        className="danger"
                        autoFocus
                        onClick={() => {
                          setConfirming(undefined);
                          void remove(r.id);
                        }}
                      >
                        Yes, delete
                      </button>
                      <button type="button" onClick={() => setConfirming(undefined)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <>
                      <button type="button" onClick={() => void open(r.id, {}, true)}>
                        Open
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete ${r.name}`}
                        onClick={() => setConfirming(r.id)}
                      >
                        Delete
                      </button>
                    </>
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
