/**
 * An upload that holds several images (`docker save a b`, a layout with several tags): its
 * images with names, platforms, size and the layers each shares with the others; analyze one
 * (and a platform of a multi-platform one), or all of them, which opens the shared-layers view.
 * The server kept the upload (error.upload), so nothing is sent again.
 */
import { humanBytes } from '@strata/analysis';
import type { ImageEntry } from '@strata/contract';
import { useMemo, useState } from 'react';
import { jobResult } from '../../api/run-job.js';
import { analyzeHeldImage } from '../../api/sets.js';
import { setPageUrl, type SeveralImages } from '../../lib/set-pages.js';

export function ImagePicker({ choice, onDone }: { choice: SeveralImages; onDone: () => void }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [platforms, setPlatforms] = useState<Record<number, string>>({});
  const shared = useMemo(() => sharedCounts(choice.images), [choice.images]);

  const run = async (entries: ImageEntry[]): Promise<void> => {
    setError(undefined);
    const ids: string[] = [];
    try {
      for (const [n, entry] of entries.entries()) {
        setBusy(entries.length > 1 ? `Analyzing ${n + 1} of ${entries.length}…` : 'Analyzing…');
        const jobId = await analyzeHeldImage(choice.upload, `@${entry.index}`, platforms[entry.index]);
        ids.push(await jobResult(jobId));
      }
    } catch (e) {
      setBusy(undefined);
      setError((e as Error).message);
      return;
    }
    onDone();
    location.assign(ids.length === 1 ? `/?analysis=${ids[0]}` : setPageUrl({ kind: 'shared', ids }));
  };

  return (
    <section className="image-picker" aria-label="Images in this archive">
      <h2>
        {choice.source} holds {choice.images.length} images
      </h2>
      <p className="muted">Choose one to analyze, or analyze them all and see what they share.</p>
      <table className="recent-table">
        <thead>
          <tr>
            <th>@</th>
            <th>Names</th>
            <th>Platform</th>
            <th className="num">Size</th>
            <th className="num">Layers</th>
            <th className="num">Shared</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {choice.images.map((img) => (
            <tr key={img.index} data-testid={`image-${img.index}`}>
              <td>@{img.index}</td>
              <td>{img.refs.length ? img.refs.join(', ') : <span className="muted">untagged</span>}</td>
              <td>
                {img.platforms.length > 1 ? (
                  <select
                    aria-label={`os/arch of @${img.index}`}
                    value={platforms[img.index] ?? ''}
                    onChange={(e) => setPlatforms({ ...platforms, [img.index]: e.target.value })}
                  >
                    <option value="">default</option>
                    {img.platforms.map((p) => (
                      <option key={p}>{p}</option>
                    ))}
                  </select>
                ) : (
                  (img.platforms[0] ?? '')
                )}
              </td>
              <td className="num">
                {img.layers.length ? humanBytes(img.layers.reduce((s, l) => s + l.size, 0)) : '–'}
              </td>
              <td className="num">{img.layers.length || '–'}</td>
              <td className="num" data-testid={`shared-${img.index}`}>
                {shared[img.index] ?? 0}
              </td>
              <td>
                <button type="button" disabled={busy !== undefined} onClick={() => void run([img])}>
                  Analyze
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="picker-actions">
        <button
          type="button"
          className="primary"
          disabled={busy !== undefined}
          onClick={() => void run(choice.images)}
        >
          Analyze all
        </button>
        <button type="button" className="link-button" disabled={busy !== undefined} onClick={onDone}>
          Cancel
        </button>
        {busy && <span aria-live="polite">{busy}</span>}
      </div>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Per image: how many of its layers another image of the archive also has. */
function sharedCounts(images: ImageEntry[]): Record<number, number> {
  const holders = new Map<string, Set<number>>();
  for (const img of images)
    for (const l of img.layers) holders.set(l.id, (holders.get(l.id) ?? new Set()).add(img.index));
  return Object.fromEntries(
    images.map((img) => [img.index, img.layers.filter((l) => (holders.get(l.id)?.size ?? 0) > 1).length]),
  );
}
