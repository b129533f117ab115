import type { Report } from '@strata/contract';
import { useMemo, useState } from 'react';
import { jsonPieces } from '../lib/json-digests.js';
import { useApp } from '../store/app-store.js';
import { CopyButton } from './advice/CopyButton.js';

type Doc = 'manifest' | 'config' | 'index';

/** The manifest, config (and index) JSON as stored, each digest a link to what it names. */
export function DocumentsPanel() {
  const documents = useApp((s) => s.documents);
  const error = useApp((s) => s.documentsError);
  const report = useApp((s) => s.report);
  const showLayer = useApp((s) => s.showLayer);
  const setTab = useApp((s) => s.setTab);
  const [doc, setDoc] = useState<Doc>('manifest');
  const value = documents?.[doc];
  const pieces = useMemo(() => (value ? jsonPieces(value) : []), [value]);
  if (!report) return null;
  const available: Doc[] = documents?.index ? ['manifest', 'config', 'index'] : ['manifest', 'config'];
  const follow = (digest: string) => {
    const layer = report.layers.find((l) => l.digest === digest || l.diffId === digest);
    if (layer) {
      showLayer(layer.index, [layer.index]);
      setTab('files');
    } else if (digest === report.image.configDigest) setDoc('config');
    else if (digest === report.image.digest) setDoc('manifest');
  };
  return (
    <section
      className="pane documents-pane"
      aria-label="Manifest and config JSON"
      data-testid="documents-panel"
    >
      <div className="segmented" role="group" aria-label="Document">
        {available.map((d) => (
          <button key={d} type="button" aria-pressed={doc === d} onClick={() => setDoc(d)}>
            {d}
          </button>
        ))}
      </div>
      {error && <p className="muted">{error}</p>}
      {!documents && !error && <p className="muted">Loading…</p>}
      {value !== undefined && (
        <>
          <div className="fix-actions">
            <CopyButton text={JSON.stringify(value, null, 2)} label={`Copy ${doc} JSON`} />
          </div>
          <pre className="json-view" data-testid="json-view">
            {pieces.map((p, i) =>
              p.kind === 'text' ? (
                p.text
              ) : (
                <DigestLink key={i} digest={p.text} report={report} onFollow={follow} />
              ),
            )}
          </pre>
        </>
      )}
    </section>
  );
}

function DigestLink({
  digest,
  report,
  onFollow,
}: {
  digest: string;
  report: Report;
  onFollow: (digest: string) => void;
}) {
  const layer = report.layers.find((l) => l.digest === digest || l.diffId === digest);
  const what = layer
    ? `Show layer ${layer.index}`
    : digest === report.image.configDigest
      ? 'Show the config'
      : digest === report.image.digest
        ? 'Show the manifest'
        : undefined;
  if (!what) return <span className="digest-text">{digest}</span>;
  return (
    <button
      type="button"
      className="json-digest"
      title={what}
      aria-label={`${what}: ${digest}`}
      onClick={() => onFollow(digest)}
    >
      {digest}
    </button>
  );
}
