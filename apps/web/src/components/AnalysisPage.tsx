import { useEffect } from 'react';
import { diveJsonUrl, reportUrl } from '../api/analyses.js';
import type { UrlTab } from '../lib/url-state.js';
import { AdvicePanel } from './advice/AdvicePanel.js';
import { appStore, useApp } from '../store/app-store.js';
import { handleKey } from '../store/keyboard-actions.js';
import { ConfigPanel } from './ConfigPanel.js';
import { Digest } from './Digest.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { ErrorBox } from './ErrorBox.js';
import { FileTree } from './FileTree.js';
import { ImageDetails } from './ImageDetails.js';
import { InefficientFiles } from './InefficientFiles.js';
import { KeysOverlay } from './KeysOverlay.js';
import { LayerChart } from './LayerChart.js';
import { LayersPane } from './LayersPane.js';
import { PlatformSwitch } from './sets/PlatformSwitch.js';

const TABS: Array<[UrlTab, string]> = [
  ['files', 'Files'],
  ['config', 'Image config'],
  ['json', 'Manifest & config JSON'],
];

export function AnalysisPage() {
  const id = useApp((s) => s.analysisId);
  const report = useApp((s) => s.report);
  const loading = useApp((s) => s.loading);
  const error = useApp((s) => s.loadError);
  const help = useApp((s) => s.help);
  const requestedPlatform = useApp((s) => s.requestedPlatform);
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
          <h1 className="image-name" data-testid="image-name">
            {name}
          </h1>
          {report && (
            <span className="muted small">
              {report.image.platform} · {report.image.layerCount} layers
            </span>
          )}
        </div>
        {id && report && <PlatformSwitch id={id} image={report.image} />}
        {report && (
          <div className="header-digests">
            <Digest label="Image digest" value={report.image.digest} testId="image-digest" />
            <Digest label="Config digest" value={report.image.configDigest} testId="config-digest" />
          </div>
        )}
        {id && report && (
          <nav className="exports" aria-label="Export">
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
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </header>
      <main className="analysis-main">
        {error && (
          <div className="page-error">
            <ErrorBox error={error} />
            <button type="button" onClick={goHome}>
              Back to the start page
            </button>
          </div>
        )}
        {requestedPlatform && report && (
          <p className="notice" role="status">
            The link asked for {requestedPlatform}; this analysis is of {report.image.platform}. Analyze the
            image again with that platform to see it.
          </p>
        )}
        {loading && <div className="loading">Loading the analysis…</div>}
        {report && (
          <div className="analysis-grid">
            <aside className="left-column" aria-label="Layers and figures">
              <LayersPane />
              <LayerChart />
              <ImageDetails />
              <AdvicePanel />
              <InefficientFiles />
            </aside>
            <RightSide />
          </div>
        )}
      </main>
      {help && <KeysOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

/** The file tree, the image config or the JSON documents, under tabs (APG tabs pattern). */
function RightSide() {
  const tab = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  const onKeyDown = (e: React.KeyboardEvent, at: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = TABS[(at + delta + TABS.length) % TABS.length] as [UrlTab, string];
    setTab(next[0]);
    document.getElementById(`tab-${next[0]}`)?.focus();
  };
  return (
    <div className="right-side">
      <div className="tabs" role="tablist" aria-label="What to show">
        {TABS.map(([key, label], i) => (
          <button
            key={key}
            id={`tab-${key}`}
            type="button"
            role="tab"
            aria-selected={tab === key}
            aria-controls={`tabpanel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => setTab(key)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="tab-panel" id={`tabpanel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'files' ? <FileTree /> : tab === 'config' ? <ConfigPanel /> : <DocumentsPanel />}
      </div>
    </div>
  );
}
