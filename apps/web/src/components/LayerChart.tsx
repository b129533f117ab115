import { humanBytes } from '@strata/analysis';
import { useMemo } from 'react';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApp } from '../store/app-store.js';

/**
 * Layer sizes; a click selects the layer. A square-root scale, because a base layer is often a
 * thousand times bigger than the rest and would flatten them to nothing on a linear axis.
 */
export function LayerChart() {
  const report = useApp((s) => s.report);
  const layer = useApp((s) => s.layer);
  const select = useApp((s) => s.selectLayer);
  const data = useMemo(
    () => report?.layers.map((l) => ({ index: l.index, size: l.sizeBytes, label: String(l.index) })) ?? [],
    [report],
  );
  if (!report) return null;
  return (
    <section className="pane chart-pane" aria-label="Layer sizes chart" data-testid="layer-chart">
      <h2>Layer sizes</h2>
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
          <YAxis
            scale="sqrt"
            domain={[0, 'auto']}
            tickFormatter={(v: number) => humanBytes(v)}
            width={56}
            tick={{ fontSize: 10 }}
          />
          <Tooltip
            formatter={(v) => [humanBytes(Number(v)), 'size']}
            labelFormatter={(l) => `layer ${String(l)}`}
            isAnimationActive={false}
          />
          <Bar
            dataKey="size"
            isAnimationActive={false}
            onClick={(entry) => {
              const index = (entry as unknown as { index?: number; payload?: { index: number } }).payload
                ?.index;
              if (index !== undefined) select(index);
            }}
            cursor="pointer"
          >
            {data.map((d) => (
              <Cell key={d.index} fill={d.index === layer ? 'var(--accent)' : 'var(--bar)'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
