/**
 * The layers several analyses share (`/?shared=A,B,C`, from `GET /api/disk-use`): a grid with
 * one column per image and its layers bottom up, a layer shared by neighbours spanning their
 * columns (as imagelayers drew it); the true total (each layer once) against the naive sum; the
 * biggest layers only one image has.
 */
import { humanBytes } from '@strata/analysis';
import type { DiskUseResponse } from '@strata/contract';
import { useEffect, useMemo, useState } from 'react';
import { fetchDiskUse } from '../../api/sets.js';
import { layerGrid } from '../../lib/layer-grid.js';
import { AnalysisChooser } from './AnalysisChooser.js';
import { RepositoryTags } from './RepositoryTags.js';
import { SetPageFrame } from './SetPageFrame.js';

const BIGGEST_UNIQUE = 5;

export function SharedLayersPage({ ids }: { ids: string[] }) {
  return (
    <SetPageFrame title="Shared layers">
      {ids.length < 2 ? (
        <>
          <AnalysisChooser kind="shared" />
          <RepositoryTags />
        </>
      ) : (
        <SharedLayers ids={ids} />
      )}
    </SetPageFrame>
  );
}

function SharedLayers({ ids }: { ids: string[] }) {
  const [use, setUse] = useState<DiskUseResponse | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    fetchDiskUse(ids).then(setUse, (e: Error) => setError(e.message));
  }, [ids]);
  if (error) return <p role="alert">{error}</p>;
  if (!use) return <p className="muted">Loading…</p>;
  return (
    <>
      <Totals use={use} />
      <LayerGrid use={use} />
      <BiggestUnique use={use} />
    </>
  );
}

function Totals({ use }: { use: DiskUseResponse }) {
  return (
    <section className="compare-summary" aria-label="Disk use">
      <p>
        True total (each layer once): <b data-testid="total-bytes">{humanBytes(use.totalBytes)}</b>,
        compressed {humanBytes(use.totalCompressedBytes)}
      </p>
      <p>
        Naive sum of the images: <span data-testid="sum-bytes">{humanBytes(use.sumBytes)}</span>, compressed{' '}
        {humanBytes(use.sumCompressedBytes)} · shared layers save {humanBytes(use.sumBytes - use.totalBytes)}
      </p>
    </section>
  );
}

function LayerGrid({ use }: { use: DiskUseResponse }) {
  const rows = useMemo(() => {
    const sizes = new Map(
      use.layers.map((l) => [l.diffId, { sizeBytes: l.sizeBytes, holders: l.images.length }]),
    );
    return layerGrid(use.imageLayers, sizes);
  }, [use]);
  const columns = use.ids.length;
  return (
    <section aria-label="Layer grid">
      <h2>Layers, bottom up</h2>
      <div className="layer-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(10rem, 1fr))` }}>
        {use.names.map((name, c) => (
          <a
            key={`h${c}`}
            className="grid-head"
            href={`/?analysis=${use.ids[c]}`}
            style={{ gridColumn: c + 1 }}
          >
            {name}
            <span className="muted"> {use.platforms[c]}</span>
            <span className="muted">
              {' '}
              · {humanBytes(use.images[c]?.sizeBytes ?? 0)}, own {humanBytes(use.images[c]?.uniqueBytes ?? 0)}
            </span>
          </a>
        ))}
        {rows.flatMap((row, r) =>
          row.map((cell) => (
            <div
              key={`${r}-${cell.column}`}
              className={`grid-cell${cell.holders > 1 ? ' shared' : ''}`}
              data-testid="grid-cell"
              data-span={cell.span}
              title={`${cell.diffId}\n${cell.command}`}
              style={{ gridColumn: `${cell.column + 1} / span ${cell.span}`, gridRow: r + 2 }}
            >
              <span className="size">{humanBytes(cell.sizeBytes)}</span>{' '}
              <span className="cmd">{cell.command}</span>
            </div>
          )),
        )}
      </div>
    </section>
  );
}

function BiggestUnique({ use }: { use: DiskUseResponse }) {
  const unique = use.layers.filter((l) => l.images.length === 1).slice(0, BIGGEST_UNIQUE);
  return (
    <section aria-label="Biggest unique layers">
      <h2>Biggest layers only one image has</h2>
      <ol className="unique-layers">
        {unique.map((l) => (
          <li key={l.diffId}>
            {humanBytes(l.sizeBytes)} in {use.names[l.images[0] ?? 0]}
            <span className="muted"> {l.diffId.slice(0, 19)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
