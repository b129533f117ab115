/** Pick recent analyses for a set page: checkboxes over `GET /api/analyses`, then a deep link. */
import { humanBytes } from '@strata/analysis';
import type { AnalysisListItem } from '@strata/contract';
import { useEffect, useState } from 'react';
import { listAnalyses } from '../../api/analyses.js';
import { setPageUrl, type SetPage } from '../../lib/set-pages.js';

export function AnalysisChooser({ kind }: { kind: SetPage['kind'] }) {
  const [recent, setRecent] = useState<AnalysisListItem[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    listAnalyses().then(setRecent, (e: Error) => setError(e.message));
  }, []);
  const toggle = (id: string): void =>
    setChosen((c) => {
      if (c.includes(id)) return c.filter((x) => x !== id);
      // Compare takes two: the older choice makes room (A stays the first picked).
      return kind === 'compare' && c.length === 2 ? [c[0]!, id] : [...c, id];
    });
  return (
    <section className="analysis-chooser" aria-label="Choose analyses">
      <p className="muted">
        {kind === 'compare' ? 'Pick two analyses: A, then B.' : 'Pick the images of the set (two or more).'}
      </p>
      {error && <p role="alert">{error}</p>}
      {recent && recent.length === 0 && <p className="muted">No analyses yet: analyze some images first.</p>}
      <ul className="chooser-list">
        {recent?.map((r) => (
          <li key={r.id}>
            <label>
              <input type="checkbox" checked={chosen.includes(r.id)} onChange={() => toggle(r.id)} />
              {chosen.includes(r.id) && kind === 'compare' && (
                <b>{chosen.indexOf(r.id) === 0 ? 'A ' : 'B '}</b>
              )}
              {r.name} <span className="muted">{r.platform}</span>{' '}
              <span className="muted">{humanBytes(r.sizeBytes)}</span>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        disabled={chosen.length < 2}
        onClick={() => location.assign(setPageUrl({ kind, ids: chosen }))}
      >
        {kind === 'compare' ? 'Compare' : 'Show shared layers'}
      </button>
    </section>
  );
}
