import { humanBytes, percent } from '@strata/analysis';
import { useApp } from '../store/app-store.js';

/** dive's image figures under dive's names, and Strata's recoverable bytes beside them. */
export function ImageDetails() {
  const image = useApp((s) => s.report?.image);
  if (!image) return null;
  const figures: Array<[string, string, string]> = [
    ['Total size', humanBytes(image.sizeBytes), 'total-size'],
    ['Stored (compressed)', humanBytes(image.compressedSizeBytes), 'compressed-size'],
    ['Efficiency', percent(image.efficiency), 'efficiency'],
    ['Wasted', humanBytes(image.wastedBytes), 'wasted'],
    [
      'User wasted',
      image.wastedUserPercent === null ? 'n/a' : percent(image.wastedUserPercent),
      'user-wasted',
    ],
    ['Recoverable', humanBytes(image.recoverableBytes), 'recoverable'],
  ];
  return (
    <section className="pane details-pane" aria-label="Image details">
      <h2>Image details</h2>
      <dl className="figures">
        {figures.map(([label, value, id]) => (
          <div key={id} className="figure">
            <dt>{label}</dt>
            <dd data-testid={`figure-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
