import { humanBytes } from '@strata/analysis';
import { useEffect, useMemo, useRef, useState } from 'react';
import { layerList } from '../lib/layer-list.js';
import { useApp } from '../store/app-store.js';
import { ShellText } from './ShellText.js';

/** Layers in order with size, compressed size and instruction; empty history entries dimmed. */
export function LayersPane() {
  const report = useApp((s) => s.report);
  const layer = useApp((s) => s.layer);
  const focused = useApp((s) => s.pane === 'layers');
  const marked = useApp((s) => s.markedLayers);
  const select = useApp((s) => s.selectLayer);
  const setPane = useApp((s) => s.setPane);
  const items = useMemo(() => (report ? layerList(report) : []), [report]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const pane = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focused) pane.current?.focus({ preventScroll: true });
  }, [focused]);
  useEffect(() => {
    pane.current?.querySelector('.layer-item.selected')?.scrollIntoView({ block: 'nearest' });
  }, [layer]);

  if (!report) return null;
  const current = report.layers[layer];
  const toggleText = (i: number) => {
    const next = new Set(expanded);
    if (!next.delete(i)) next.add(i);
    setExpanded(next);
  };
  return (
    <section className={`pane layers-pane${focused ? ' focused' : ''}`} aria-label="Layers">
      <h2>Layers</h2>
      <div className="layers-head">
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
                title={expanded.has(item.layer.index) ? 'Show one line' : 'Show the full instruction'}
                aria-label={`Full instruction of layer ${item.layer.index}`}
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
      {current && (
        <div className="layer-details" data-testid="layer-details">
          <div>
            <strong>Layer {current.index}</strong>
            {current.inBaseImage && <span className="badge">base image</span>}{' '}
            <span className="muted small mono">{current.digest.slice(0, 19)}…</span>
          </div>
          <div className="tallies small">
            <span className="st-added">
              +{current.added.count} added ({humanBytes(current.added.bytes)})
            </span>
            <span className="st-modified">
              ~{current.modified.count} modified ({humanBytes(current.modified.bytes)})
            </span>
            <span className="st-removed">
              −{current.removed.count} removed ({humanBytes(current.removed.bytes)})
            </span>
          </div>
          <ShellText
            text={current.instruction.text || current.command}
            className="wrapped full-instruction"
          />
        </div>
      )}
    </section>
  );
}
