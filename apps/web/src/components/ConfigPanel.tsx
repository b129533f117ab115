import type { Report } from '@strata/contract';
import { useMemo, type ReactNode } from 'react';
import { configView, execForm } from '../lib/image-config.js';
import { useApp } from '../store/app-store.js';
import { Pairs } from './Pairs.js';
import { ShellText } from './ShellText.js';

/** The image config's runtime settings, and the whole history as one Dockerfile. */
export function ConfigPanel() {
  const documents = useApp((s) => s.documents);
  const error = useApp((s) => s.documentsError);
  const report = useApp((s) => s.report);
  const view = useMemo(() => (documents ? configView(documents.config) : undefined), [documents]);
  if (!report) return null;
  return (
    <section className="pane config-pane" aria-label="Image config" data-testid="config-panel">
      <h2>Image config</h2>
      {error && <p className="muted">{error}</p>}
      {!view && !error && <p className="muted">Loading the config…</p>}
      {view && (
        <dl className="config-list">
          <Item label="Entrypoint">{view.entrypoint && <code>{execForm(view.entrypoint)}</code>}</Item>
          <Item label="Cmd">{view.cmd && <code>{execForm(view.cmd)}</code>}</Item>
          <Item label="User">{view.user && <code>{view.user}</code>}</Item>
          <Item label="WorkingDir">{view.workingDir && <code>{view.workingDir}</code>}</Item>
          <Item label="ExposedPorts">
            {view.exposedPorts.length > 0 && <code>{view.exposedPorts.join(' ')}</code>}
          </Item>
          <Item label="Volumes">{view.volumes.length > 0 && <code>{view.volumes.join(' ')}</code>}</Item>
          <Item label="StopSignal">{view.stopSignal && <code>{view.stopSignal}</code>}</Item>
          <Item label="Created">{view.created && <time dateTime={view.created}>{view.created}</time>}</Item>
          <Item label="Author">{view.author}</Item>
          <Item label="Env">{view.env.length > 0 && <Pairs pairs={view.env} />}</Item>
          <Item label="Labels">{view.labels.length > 0 && <Pairs pairs={view.labels} />}</Item>
        </dl>
      )}
      <HistoryDockerfile report={report} />
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === undefined || children === false || children === null || children === '';
  return (
    <div className="config-item" data-testid={`config-${label.toLowerCase()}`}>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">not set</span> : children}</dd>
    </div>
  );
}

/** Every history step in order, empty ones too, each a Dockerfile line; a layer's step links to it. */
function HistoryDockerfile({ report }: { report: Report }) {
  const select = useApp((s) => s.selectLayer);
  return (
    <section aria-labelledby="history-title" className="history-dockerfile">
      <h3 id="history-title">History as a Dockerfile ({report.history.length} steps)</h3>
      <ol className="history-lines" data-testid="history-dockerfile">
        {report.history.map((h) => (
          <li key={h.index} className={h.layerIndex === null ? 'history-step empty' : 'history-step'}>
            <span className="history-where">
              {h.layerIndex === null ? (
                <span className="muted">no layer</span>
              ) : (
                <button type="button" className="chip" onClick={() => select(h.layerIndex as number)}>
                  layer {h.layerIndex}
                </button>
              )}
            </span>
            <ShellText text={h.instruction.text || h.createdBy} className="wrapped" />
            {h.created && (
              <time className="muted small" dateTime={h.created}>
                {h.created}
              </time>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
