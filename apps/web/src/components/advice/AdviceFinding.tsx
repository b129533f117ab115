import { humanBytes } from '@strata/analysis';
import type { Finding, Report } from '@strata/contract';
import { useApp } from '../../store/app-store.js';
import { CopyButton } from './CopyButton.js';
import { DockerfileDiff } from './DockerfileDiff.js';

interface Props {
  finding: Finding;
  report: Report;
  open: boolean;
  onToggle(): void;
}

/** One finding: a header line (severity, title, bytes) that opens its details and its fix. */
export function AdviceFinding({ finding: f, report, open, onToggle }: Props) {
  const layer = useApp((s) => s.layer);
  const markedPath = useApp((s) => s.markedPath);
  const showLayer = useApp((s) => s.showLayer);
  const reveal = useApp((s) => s.reveal);
  const bodyId = `finding-${f.rule}-${f.layers.join('-')}`;
  return (
    <li className={`finding${open ? ' open' : ''}`} data-testid="finding" data-rule={f.rule}>
      <button
        type="button"
        className="finding-head"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={onToggle}
      >
        <span className={`severity severity-${f.severity}`}>{f.severity}</span>
        <span className="finding-title">{f.title}</span>
        <span className="finding-bytes num" title={`${f.recoverableBytes} bytes recoverable`}>
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
                    title={`Show in the file tree at layer ${file.layer}`}
                  >
                    <td className="num" title={`${file.bytes} bytes`}>
                      {humanBytes(file.bytes)}
                    </td>
                    <td className="num muted">layer {file.layer}</td>
                    <td className="path">{file.path}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DockerfileDiff before={f.fix.before} after={f.fix.after} />
          {f.fix.dockerignore && (
            <div className="dockerignore">
              <div className="small muted">.dockerignore</div>
              <pre>{f.fix.dockerignore.trimEnd()}</pre>
            </div>
          )}
          <div className="fix-actions">
            <CopyButton text={f.fix.after} label="Copy fixed Dockerfile" />
            {f.fix.dockerignore && <CopyButton text={f.fix.dockerignore} label="Copy .dockerignore lines" />}
          </div>
        </div>
      )}
    </li>
  );
}

function instructionOf(report: Report, layer: number): string {
  const l = report.layers[layer];
  return l ? `Layer ${layer}: ${l.instruction.text || l.command}` : `Layer ${layer}`;
}
