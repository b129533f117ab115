import { humanBytes, percent } from '@strata/analysis';
import { useApp } from '../store/app-store.js';
import { ErrorBox } from './ErrorBox.js';

export function RecentList() {
  const recent = useApp((s) => s.recent);
  const error = useApp((s) => s.recentError);
  const open = useApp((s) => s.openAnalysis);
  const remove = useApp((s) => s.deleteRecent);
  return (
    <section className="recent" aria-label="Recent analyses">
      <h2>Recent analyses</h2>
      {error && <ErrorBox error={error} />}
      {recent && recent.length === 0 && <p className="muted">None yet: drop an image above.</p>}
      {recent && recent.length > 0 && (
        <table className="recent-table">
          <thead>
            <tr>
              <th>Image</th>
              <th className="num">Size</th>
              <th className="num">Efficiency</th>
              <th>Analyzed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
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
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td className="actions">
                  <button type="button" onClick={() => void open(r.id, {}, true)}>
                    Open
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Delete ${r.name}`}
                    onClick={() => void remove(r.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
