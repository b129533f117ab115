import { humanBytes } from '@strata/analysis';
import type { LayerSummary } from '@strata/contract';
import { useEffect, useMemo, useRef } from 'react';
import { layerAnnotations } from '../lib/image-config.js';
import { layerList } from '../lib/layer-list.js';
import { useApp } from '../store/app-store.js';
import { Digest } from './Digest.js';
import { LayerPackages } from './LayerPackages.js';
import { Pairs } from './Pairs.js';
import { ShellText } from './ShellText.js';

/**
 * Layers in order with size, stored size and instruction; history entries without a layer shown
 * between them. The list is one Tab stop (a listbox whose active option follows the selected
 * layer); the arrows and j/k move (store/keyboard-actions.ts), Enter shows the full instruction.
 */
export function LayersPane() {
  const report = useApp((s) => s.report);
  const layer = useApp((s) => s.layer);
  const focused = useApp((s) => s.pane === 'layers');
  const marked = useApp((s) => s.markedLayers);
  const expanded = useApp((s) => s.expandedLayers);
  const select = useApp((s) => s.selectLayer);
  const setPane = useApp((s) => s.setPane);
  const toggleText = useApp((s) => s.toggleInstruction);
  const items = useMemo(() => (report ? layerList(report) : []), [report]);
  const pane = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focused && !pane.current?.contains(document.activeElement))
      pane.current?.focus({ preventScroll: true });
  }, [focused]);
  useEffect(() => {
    pane.current?.querySelector('.layer-item.selected')?.scrollIntoView({ block: 'nearest' });
  }, [layer]);

  if (!report) return null;
  const current = report.layers[layer];
  return (
    <section className={`pane layers-pane${focused ? ' focused' : ''}`} aria-labelledby="layers-title">
      <h2 id="layers-title">Layers</h2>
      <div className="layers-head" aria-hidden>
        <span className="num">size</span>
        <span className="num">stored</span>
        <span>instruction</span>
      </div>
      <div
        className="layer-list"
        ref={pane}
        tabIndex={0}
        role="listbox"
        aria-label="Layer list"
        aria-activedescendant={`layer-${layer}`}
        onFocus={() => setPane('layers')}
      >
        {items.map((item) =>
          item.kind === 'empty' ? (
            <div
              key={`h${item.historyIndex}`}
              className="history-empty"
              title="History entry without a layer"
              role="presentation"
            >
              <span className="num" />
              <span className="num" />
              <ShellText text={item.text} className="one-line" />
            </div>
          ) : (
            <div
              key={`l${item.layer.index}`}
              id={`layer-${item.layer.index}`}
              role="option"
              aria-selected={item.layer.index === layer}
              aria-label={`Layer ${item.layer.index}, ${humanBytes(item.layer.sizeBytes)}, ${item.layer.instruction.text || item.layer.command}`}
              className={`layer-item${item.layer.index === layer ? ' selected' : ''}${marked.includes(item.layer.index) ? ' marked' : ''}`}
              onClick={() => {
                select(item.layer.index);
                setPane('layers');
              }}
            >
              <span className="num">{humanBytes(item.layer.sizeBytes)}</span>
              <span className="num muted">{humanBytes(item.layer.compressedSizeBytes)}</span>
              <ShellText
                text={item.layer.instruction.text || item.layer.command}
                className={expanded.has(item.layer.index) ? 'wrapped' : 'one-line'}
              />
              <button
                type="button"
                className="more"
                tabIndex={-1}
                title={
                  expanded.has(item.layer.index)
                    ? 'Show one line (Enter)'
                    : 'Show the full instruction (Enter)'
                }
                aria-label={`Full instruction of layer ${item.layer.index}`}
                aria-expanded={expanded.has(item.layer.index)}
                onClick={(e) => {
                  e.stopPropagation();
                  toggleText(item.layer.index);
                }}
              >
                {expanded.has(item.layer.index) ? '−' : '…'}
              </button>
            </div>
          ),
        )}
      </div>
      {current && <LayerCard layer={current} />}
    </section>
  );
}

function LayerCard({ layer }: { layer: LayerSummary }) {
  const manifest = useApp((s) => s.documents?.manifest);
  const annotations = useMemo(() => layerAnnotations(manifest, layer.index), [manifest, layer.index]);
  return (
    <div className="layer-details" data-testid="layer-details">
      <div>
        <strong>Layer {layer.index}</strong>
        {layer.inBaseImage && <span className="badge">base image</span>}{' '}
        <span className="muted small">
          {humanBytes(layer.sizeBytes)} · stored {humanBytes(layer.compressedSizeBytes)}
        </span>
      </div>
      <Digest label="Blob digest" value={layer.digest} testId="layer-digest" />
      <Digest label="diff_id" value={layer.diffId} testId="layer-diffid" />
      <div className="small">
        <span className="digest-label">Media type</span>{' '}
        <code data-testid="layer-media-type">{layer.mediaType}</code>
      </div>
      {annotations.length > 0 && (
        <div className="small annotations">
          <span className="digest-label">Annotations</span>
          <Pairs pairs={annotations} testId="layer-annotations" />
        </div>
      )}
      <div className="tallies small">
        <span className="st-added">
          +{layer.added.count} added ({humanBytes(layer.added.bytes)})
        </span>
        <span className="st-modified">
          ~{layer.modified.count} modified ({humanBytes(layer.modified.bytes)})
        </span>
        <span className="st-removed">
          −{layer.removed.count} removed ({humanBytes(layer.removed.bytes)})
        </span>
      </div>
      <LayerPackages layer={layer} />
      <ShellText text={layer.instruction.text || layer.command} className="wrapped full-instruction" />
    </div>
  );
}
