import { humanBytes } from '@strata/analysis';
import type { Report } from '@strata/contract';
import { useMemo } from 'react';
import { Bar, BarChart, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApp } from '../store/app-store.js';

interface Datum {
  index: number;
  label: string;
  size: number;
  stored: number;
  instruction: string;
}

/**
 * Layer sizes on a linear scale (a bar twice as tall is twice as big), uncompressed and stored
 * side by side; a click selects the layer. The figure has a text summary for screen readers, and
 * the same numbers are in the layer list, which is the keyboard's way to the layers.
 */
export function LayerChart() {
  const report = useApp((s) => s.report);
  const layer = useApp((s) => s.layer);
  const select = useApp((s) => s.selectLayer);
  const data = useMemo<Datum[]>(
    () =>
      report?.layers.map((l) => ({
        index: l.index,
        label: String(l.index),
        size: l.sizeBytes,
        stored: l.compressedSizeBytes,
        instruction: l.instruction.text || l.command,
      })) ?? [],
    [report],
  );
  const summary = useMemo(() => (report ? chartSummary(report) : ''), [report]);
  if (!report) return null;
  const onClick = (entry: unknown) => {
    const index = (entry as { payload?: { index: number } }).payload?.index;
    if (index !== undefined) select(index);
  };
  return (
    <section className="pane chart-pane" aria-labelledby="chart-title" data-testid="layer-chart">
      <h2 id="chart-title">
        Layer sizes <span className="muted small">(linear scale)</span>
      </h2>
      <p className="sr-only" data-testid="chart-summary">
        {summary}
      </p>
      <div aria-hidden="true" data-scale="linear">
        <ResponsiveContainer width="100%" height={160}>
          <BarChart
            data={data}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            barGap={1}
            accessibilityLayer={false}
          >
            <XAxis
              dataKey="label"
              tick={{ fontSize: 10, fill: 'var(--muted)' }}
              interval="preserveStartEnd"
            />
            <YAxis
              scale="linear"
              domain={[0, 'auto']}
              tickFormatter={(v: number) => humanBytes(v)}
              width={60}
              tick={{ fontSize: 10, fill: 'var(--muted)' }}
            />
            <Tooltip
              content={<ChartTooltip />}
              isAnimationActive={false}
              cursor={{ fill: 'var(--panel-2)' }}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar
              dataKey="size"
              name="uncompressed"
              fill="var(--bar)"
              isAnimationActive={false}
              onClick={onClick}
              cursor="pointer"
            >
              {data.map((d) => (
                <Cell key={d.index} fill={d.index === layer ? 'var(--accent)' : 'var(--bar)'} />
              ))}
            </Bar>
            <Bar
              dataKey="stored"
              name="stored (compressed)"
              isAnimationActive={false}
              onClick={onClick}
              cursor="pointer"
              fill="var(--bar-stored)"
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function ChartTooltip({ active, payload }: { active?: boolean; payload?: Array<{ payload: Datum }> }) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <strong>Layer {d.index}</strong>
      <div>uncompressed {humanBytes(d.size)}</div>
      <div>stored {humanBytes(d.stored)}</div>
      <div className="chart-tooltip-instruction">{d.instruction.slice(0, 120)}</div>
    </div>
  );
}

/** One sentence a screen reader can say instead of the bars. */
export function chartSummary(report: Pick<Report, 'layers'>): string {
  const layers = report.layers;
  if (layers.length === 0) return 'No layers.';
  const biggest = [...layers].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 3);
  const total = layers.reduce((s, l) => s + l.sizeBytes, 0);
  const stored = layers.reduce((s, l) => s + l.compressedSizeBytes, 0);
  return (
    `Bar chart of ${layers.length} layer sizes on a linear scale: ${humanBytes(total)} uncompressed, ` +
    `${humanBytes(stored)} stored in all. Largest: ` +
    biggest.map((l) => `layer ${l.index} ${humanBytes(l.sizeBytes)}`).join(', ') +
    '.'
  );
}
