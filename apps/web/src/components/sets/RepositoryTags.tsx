/**
 * Several tags of one registry repository as a set: list the tags (`GET /api/tags`, every page
 * of the registry's list), pick some, analyze each by reference (layers they share are pulled
 * and decoded once: the server's layer cache), then show their shared layers.
 */
import { useState } from 'react';
import { startReference } from '../../api/analyses.js';
import { jobResult } from '../../api/run-job.js';
import { fetchTags } from '../../api/sets.js';
import { setPageUrl } from '../../lib/set-pages.js';

export function RepositoryTags() {
  const [repository, setRepository] = useState('');
  const [listed, setListed] = useState<{ repository: string; tags: string[] } | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const list = async (): Promise<void> => {
    setError(undefined);
    setBusy('Listing tags…');
    try {
      setListed(await fetchTags(repository.trim()));
      setChosen([]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const analyze = async (): Promise<void> => {
    if (!listed) return;
    setError(undefined);
    const ids: string[] = [];
    try {
      for (const [n, tag] of chosen.entries()) {
        setBusy(`Analyzing ${listed.repository}:${tag} (${n + 1} of ${chosen.length})…`);
        ids.push(await jobResult(await startReference({ reference: `${listed.repository}:${tag}` })));
      }
    } catch (e) {
      setBusy(undefined);
      setError((e as Error).message);
      return;
    }
    location.assign(setPageUrl({ kind: 'shared', ids }));
  };

  return (
    <section className="analysis-chooser" aria-label="Tags of a repository">
      <h2>Or several tags of one repository</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void list();
        }}
      >
        <input
          aria-label="Repository"
          placeholder="registry.example.com/team/app"
          value={repository}
          onChange={(e) => setRepository(e.target.value)}
        />
        <button type="submit" disabled={!repository.trim() || busy !== undefined}>
          List tags
        </button>
      </form>
      {listed && (
        <ul className="chooser-list">
          {listed.tags.map((tag) => (
            <li key={tag}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(tag)}
                  onChange={() =>
                    setChosen((c) => (c.includes(tag) ? c.filter((t) => t !== tag) : [...c, tag]))
                  }
                />
                {tag}
              </label>
            </li>
          ))}
        </ul>
      )}
      {listed && (
        <button
          type="button"
          className="primary"
          disabled={chosen.length < 2 || busy !== undefined}
          onClick={() => void analyze()}
        >
          Analyze the chosen tags
        </button>
      )}
      {busy && <p aria-live="polite">{busy}</p>}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
