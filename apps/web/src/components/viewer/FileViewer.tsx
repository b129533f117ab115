/**
 * The file viewer (issue 11): the bytes of the file under the tree's cursor, as its layer shows
 * them, from the file API. Text is highlighted, binaries shown in hex, ELF headers summarized,
 * certificates decoded, images shown; a modified file can be compared with the layer below.
 * A dialog: Escape closes it, keys stay inside it, focus returns to the tree.
 */
import { humanBytes } from '@strata/analysis';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CopyButton } from '../advice/CopyButton.js';
import { CertView } from './CertView.js';
import { DiffView } from './DiffView.js';
import { ElfView } from './ElfView.js';
import { isElf, type Read } from './elf.js';
import { fetchRange, fileUrl, PREVIEW_BYTES, type Preview } from './file-api.js';
import { HexView } from './HexView.js';
import { TextView } from './TextView.js';
import { useViewer, viewerStore, type ViewerTarget } from './viewer-store.js';
import './viewer.css';

type Mode = 'view' | 'hex' | 'diff';
type Kind = 'text' | 'image' | 'elf' | 'binary';

export function FileViewer() {
  const target = useViewer((s) => s.target);
  if (!target) return null;
  return <ViewerDialog key={`${target.analysisId}:${target.layer}:${target.path}`} target={target} />;
}

function kindOf(p: Preview): Kind {
  if (p.contentType.startsWith('image/')) return 'image';
  if (isElf(p.bytes)) return 'elf';
  return p.contentType.startsWith('text/') ? 'text' : 'binary';
}

const decoder = new TextDecoder();

function ViewerDialog({ target }: { target: ViewerTarget }) {
  const url = fileUrl(target.analysisId, target.path, target.layer);
  const canDiff = target.status === 'modified' && target.layer > 0;
  const [preview, setPreview] = useState<Preview | Error | undefined>();
  const [below, setBelow] = useState<string | Error | undefined>();
  const [mode, setMode] = useState<Mode>(canDiff ? 'diff' : 'view');
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetchRange(url, 0, PREVIEW_BYTES, abort.signal).then(
      setPreview,
      (e: Error) => !abort.signal.aborted && setPreview(e),
    );
    return () => abort.abort();
  }, [url]);

  useEffect(() => {
    if (mode !== 'diff' || below !== undefined) return;
    const abort = new AbortController();
    fetchRange(
      fileUrl(target.analysisId, target.path, target.layer - 1),
      0,
      PREVIEW_BYTES,
      abort.signal,
    ).then(
      (p) => setBelow(decoder.decode(p.bytes)),
      (e: Error) => !abort.signal.aborted && setBelow(e),
    );
    return () => abort.abort();
  }, [mode, below, target]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => previous?.focus({ preventScroll: true });
  }, []);

  const close = useCallback(() => viewerStore.getState().close(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    // The analysis page listens on window: nothing typed here moves the tree behind the dialog.
    e.stopPropagation();
    if (e.key === 'Escape') close();
  };

  const read = useMemo<Read | undefined>(() => {
    if (!preview || preview instanceof Error) return undefined;
    return async (offset, length) =>
      offset + length <= preview.bytes.length
        ? preview.bytes.subarray(offset, offset + length)
        : (await fetchRange(url, offset, length)).bytes;
  }, [preview, url]);

  const kind = preview && !(preview instanceof Error) ? kindOf(preview) : undefined;
  return (
    <div className="overlay viewer-overlay" onClick={close}>
      <div
        className="viewer"
        role="dialog"
        aria-modal="true"
        aria-label={`File ${target.path}`}
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        data-testid="file-viewer"
      >
        <header className="viewer-head">
          <div className="viewer-title">
            <strong className="mono" data-testid="viewer-path">
              {target.path}
            </strong>
            <span className="muted small">
              layer {target.layer} · {humanBytes(target.size)}
              {preview && !(preview instanceof Error) && preview.resolvedPath !== target.path && (
                <>
                  {' '}
                  · → {preview.resolvedPath} (layer {preview.layer})
                </>
              )}
            </span>
          </div>
          <div className="viewer-actions" role="toolbar" aria-label="Viewer">
            <ModeButton
              mode="view"
              current={mode}
              onPick={setMode}
              label={kind === 'elf' ? 'ELF' : 'Contents'}
            />
            <ModeButton mode="hex" current={mode} onPick={setMode} label="Hex" />
            {canDiff && (
              <ModeButton
                mode="diff"
                current={mode}
                onPick={setMode}
                label={`Diff vs layer ${target.layer - 1}`}
              />
            )}
            <CopyButton text={target.path} label="Copy path" />
            <a className="button" href={fileUrl(target.analysisId, target.path, target.layer, true)} download>
              Download
            </a>
            <button type="button" onClick={close} aria-label="Close viewer">
              Close
            </button>
          </div>
        </header>
        <div className="viewer-body">
          <Body
            preview={preview}
            kind={kind}
            mode={mode}
            below={below}
            read={read}
            target={target}
            url={url}
          />
        </div>
      </div>
    </div>
  );
}

function ModeButton(props: { mode: Mode; current: Mode; label: string; onPick: (m: Mode) => void }) {
  return (
    <button
      type="button"
      aria-pressed={props.current === props.mode}
      onClick={() => props.onPick(props.mode)}
    >
      {props.label}
    </button>
  );
}

interface BodyProps {
  preview: Preview | Error | undefined;
  kind: Kind | undefined;
  mode: Mode;
  below: string | Error | undefined;
  read: Read | undefined;
  target: ViewerTarget;
  url: string;
}

function Body({ preview, kind, mode, below, read, target, url }: BodyProps) {
  if (preview === undefined) return <p className="muted">Loading…</p>;
  if (preview instanceof Error) return <p className="error-text">Cannot show this file: {preview.message}</p>;
  const truncated = preview.size > preview.bytes.length;
  const note = truncated && (
    <p className="viewer-note" data-testid="viewer-truncated">
      Showing the first {humanBytes(preview.bytes.length)} of {humanBytes(preview.size)}: download the file
      for the rest.
    </p>
  );
  if (mode === 'hex' || kind === 'binary')
    return (
      <>
        {note}
        <HexView bytes={preview.bytes} />
      </>
    );
  if (mode === 'diff') {
    if (below === undefined) return <p className="muted">Loading the layer below…</p>;
    if (below instanceof Error) return <p className="error-text">No version below: {below.message}</p>;
    return <DiffView before={below} after={decoder.decode(preview.bytes)} />;
  }
  if (kind === 'image') return <img className="viewer-image" src={url} alt={target.path} />;
  if (kind === 'elf' && read) return <ElfView read={read} />;
  const text = decoder.decode(preview.bytes);
  return (
    <>
      {note}
      {text.includes('-----BEGIN ') && <CertView text={text} />}
      <TextView text={text} path={target.path} />
    </>
  );
}
