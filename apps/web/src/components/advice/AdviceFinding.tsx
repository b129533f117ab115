import { humanBytes } from '@strata/analysis';
import { useMemo } from 'react';
import type { Finding, Report } from '@strata/contract';
import { useApp } from '../../store/app-store.js';
import { hasChanges, diffLines } from '../../lib/line-diff.js';
import type { RovingItemProps } from '../use-roving.js';
import { CopyButton } from './CopyButton.js';
import { DockerfileDiff } from './DockerfileDiff.js';

interface Props {
  finding: Finding;
  report: Report;
  open: boolean;
  onToggle(): void;
  /** Roving tabindex over the findings' header buttons. */
  headProps: RovingItemProps;
}

/** One finding: a header line (severity, title, bytes) that opens its details and its fix. */
export function AdviceFinding({ finding: f, report, open, onToggle, headProps }: Props) {
  const layer = useApp((s) => s.layer);
  const markedPath = useApp((s) => s.markedPath);
  const showLayer = useApp((s) => s.showLayer);
  const reveal = useApp((s) => s.reveal);
  const bodyId = `finding-${f.rule}-${f.layers.join('-')}`;
  const changes = useMemo(
    () => hasChanges(diffLines(f.fix.before, f.fix.after)),
    [f.fix.before, f.fix.after],
  );
  const total = f.fileCount ?? f.files.length;
  const more = total - f.files.length;
  return (
    <li className={`finding${open ? ' open' : ''}`} data-testid="finding" data-rule={f.rule}>
      <button
        type="button"
        className="finding-head"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={onToggle}
        {...headProps}
      >
        <span className={`severity severity-${f.severity}`}>{f.severity}</span>
        <span className="finding-title">{f.title}</span>
        <span className="finding-bytes num" title={`${f.recoverableBytes} bytes saved by this fix`}>
          {humanBytes(f.recoverableBytes)}
        </span>
      </button>
      {open && (
        <div className="finding-body" id={bodyId}>
          <p className="finding-explanation">{f.explanation}</p>
          {f.layers.length > 0 && (
            <div className="finding-layers">
              layers{' '}
              {f.layers.map((l) => (
                <button
                  type="button"
                  key={l}
                  className={`chip${l === layer ? ' current' : ''}`}
                  title={instructionOf(report, l)}
                  aria-label={`Select layer ${l}`}
                  onClick={() => showLayer(l, f.layers)}
                >
                  {l}
                </button>
              ))}
            </div>
          )}
          {f.files.length > 0 && (
            <table className="finding-files">
              <tbody>
                {f.files.map((file) => (
                  <tr
                    key={`${file.layer}:${file.path}`}
                    className={file.path === markedPath ? 'marked' : ''}
                    onClick={() => void reveal(file.path, [file.layer])}
                  >
                    <td className="num" title={`${file.bytes} bytes`}>
                      {humanBytes(file.bytes)}
                    </td>
                    <td className="num muted">layer {file.layer}</td>
                    <td className="path">
                      <button
                        type="button"
                        className="link-button path-button"
                        onClick={(e) => {
                          e.stopPropagation();
                          void reveal(file.path, [file.layer]);
                        }}
                        title={`Show in the file tree at layer ${file.layer}`}
                      >
                        {file.path}
                      </button>
                      {file.copyOf && (
                        <div className="small muted" data-testid="copy-of">
                          copy of{' '}
                          <button
                            type="button"
                            className="link-button path-button"
                            onClick={(e) => {
                              e.stopPropagation();
                              void reveal(file.copyOf as string, []);
                            }}
                          >
                            {file.copyOf}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {more > 0 && (
            <p className="small muted" data-testid="more-files">
              +{more.toLocaleString()} more file{more > 1 ? 's' : ''}
              {f.filesBytes !== undefined &&
                ` (${humanBytes(f.filesBytes)} in all ${total.toLocaleString()} files)`}
            </p>
          )}
          <DockerfileDiff before={f.fix.before} after={f.fix.after} />
          {f.fix.dockerignore && (
            <div className="dockerignore">
              <div className="small muted">.dockerignore</div>
              <pre>{f.fix.dockerignore.trimEnd()}</pre>
            </div>
          )}
          {(changes || f.fix.dockerignore) && (
            <div className="fix-actions">
              {changes && <CopyButton text={f.fix.after} label="Copy fixed Dockerfile" />}
              {f.fix.dockerignore && (
                <CopyButton text={f.fix.dockerignore} label="Copy .dockerignore lines" />
              )}
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function instructionOf(report: Report, layer: number): string {
  const l = report.layers[layer];
  return l ? `Layer ${layer}: ${l.instruction.text || l.command}` : `Layer ${layer}`;
}
