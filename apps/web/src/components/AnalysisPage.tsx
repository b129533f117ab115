import { useEffect } from 'react';
import { diveJsonUrl, reportUrl } from '../api/analyses.js';
import { AdvicePanel } from './advice/AdvicePanel.js';
import { appStore, useApp } from '../store/app-store.js';
import { handleKey } from '../store/keyboard-actions.js';
import { ErrorBox } from './ErrorBox.js';
import { FileTree } from './FileTree.js';
import { ImageDetails } from './ImageDetails.js';
import { InefficientFiles } from './InefficientFiles.js';
import { KeysOverlay } from './KeysOverlay.js';
import { LayerChart } from './LayerChart.js';
import { LayersPane } from './LayersPane.js';
import { PlatformSwitch } from './sets/PlatformSwitch.js';

export function AnalysisPage() {
  const id = useApp((s) => s.analysisId);
  const report = useApp((s) => s.report);
  const loading = useApp((s) => s.loading);
  const error = useApp((s) => s.loadError);
  const help = useApp((s) => s.help);
  const goHome = useApp((s) => s.goHome);
  const setHelp = useApp((s) => s.setHelp);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleKey(appStore.getState(), e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const name = report?.image.names[0] ?? report?.image.source ?? id;
  return (
    <div className="analysis-page">
      <header className="topbar">
        <button type="button" className="brand" onClick={goHome} title="Back to the start page">
          Strata
        </button>
        <div className="image-title">
          <strong data-testid="image-name">{name}</strong>
          {report && (
            <span className="muted small">
              {report.image.platform} · {report.image.layerCount} layers · {report.image.digest.slice(0, 19)}…
            </span>
          )}
        </div>
        {id && report && <PlatformSwitch id={id} image={report.image} />}
        {id && report && (
          <nav className="exports">
            <a className="button" href={diveJsonUrl(id)} download={`${id}.dive.json`}>
              Export dive JSON
            </a>
            <a className="button" href={reportUrl(id)} download={`${id}.report.json`}>
              Export full report
            </a>
          </nav>
        )}
        <button
          type="button"
          className="help-button"
          onClick={() => setHelp(true)}
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </header>
      {error && (
        <div className="page-error">
          <ErrorBox error={error} />
          <button type="button" onClick={goHome}>
            Back to the start page
          </button>
        </div>
      )}
      {loading && <div className="loading">Loading the analysis…</div>}
      {report && (
        <div className="analysis-grid">
          <aside className="left-column">
            <LayersPane />
            <LayerChart />
            <ImageDetails />
            <AdvicePanel />
            <InefficientFiles />
          </aside>
          <FileTree />
        </div>
      )}
      {help && <KeysOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
