import { humanBytes } from '@strata/analysis';
import { useMemo, useState } from 'react';
import { findingKey, sortFindings, totalRecoverable, type AdviceSort } from '../../lib/advice-order.js';
import { useApp } from '../../store/app-store.js';
import { useRoving } from '../use-roving.js';
import { AdviceFinding } from './AdviceFinding.js';

/**
 * Why bytes are wasted and the Dockerfile that wins them back (issue 6): the report's findings,
 * biggest win first; the first one starts open so the fix is one glance away.
 */
export function AdvicePanel() {
  const report = useApp((s) => s.report);
  const [sort, setSort] = useState<AdviceSort>('bytes');
  const findings = useMemo(() => sortFindings(report?.advice ?? [], sort), [report, sort]);
  // Which findings are open, by key; undefined until the user toggles one: then the first is open.
  const [opened, setOpened] = useState<ReadonlySet<string> | undefined>(undefined);
  const roving = useRoving(findings.length);
  if (!report) return null;
  const advice = report.advice;
  const first = findings[0] ? findingKey(findings[0]) : undefined;
  const isOpen = (key: string) => (opened ? opened.has(key) : key === first);
  const toggle = (key: string) => {
    const next = new Set(opened ?? (first ? [first] : []));
    if (!next.delete(key)) next.add(key);
    setOpened(next);
  };
  return (
    <section className="pane advice-pane" aria-labelledby="advice-title">
      <div className="advice-head">
        <h2 id="advice-title">
          Advice{' '}
          {advice && advice.length > 0 && (
            <span className="muted small" data-testid="advice-summary">
              ({advice.length} · saved by the fixes: {humanBytes(totalRecoverable(advice))})
            </span>
          )}
        </h2>
        {findings.length > 1 && (
          <div className="segmented small" role="group" aria-label="Sort advice">
            {(['bytes', 'severity'] as const).map((by) => (
              <button
                type="button"
                key={by}
                aria-pressed={sort === by}
                className={sort === by ? 'active' : ''}
                onClick={() => setSort(by)}
              >
                by {by}
              </button>
            ))}
          </div>
        )}
      </div>
      {!advice ? (
        <p className="muted small">
          No advice for this analysis: it was stored by an older server (or the advice failed). Analyze the
          image again to get it.
        </p>
      ) : findings.length === 0 ? (
        <p className="muted small">Nothing to win back: no finding for this image.</p>
      ) : (
        <>
          <p className="small muted advice-note" data-testid="advice-note">
            Saved by the fixes: what the layers would no longer store with every fix applied. It also counts
            duplicate content the final image shows, so it can exceed “Hidden by later layers”. Arrow keys
            move between findings.
          </p>
          <ol className="advice-list">
            {findings.map((f, i) => {
              const key = findingKey(f);
              return (
                <AdviceFinding
                  key={key}
                  finding={f}
                  report={report}
                  open={isOpen(key)}
                  onToggle={() => toggle(key)}
                  headProps={roving(i)}
                />
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
