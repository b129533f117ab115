import { humanBytes, percent } from '@strata/analysis';
import { useApp } from '../store/app-store.js';

type Figure = [label: string, value: string, id: string, explanation?: string];

/**
 * dive's image figures under dive's names, and Strata's own beside them. "Hidden by later
 * layers" is the report's recoverableBytes (README "The figures"): stored bytes the final image
 * never shows. It is not the Advice total ("Saved by the fixes"), which also counts duplicate
 * content the final image does show.
 */
export function ImageDetails() {
  const image = useApp((s) => s.report?.image);
  if (!image) return null;
  const figures: Figure[] = [
    ['Total size', humanBytes(image.sizeBytes), 'total-size'],
    ['Stored (compressed)', humanBytes(image.compressedSizeBytes), 'compressed-size'],
    ['Efficiency', percent(image.efficiency), 'efficiency', "dive's efficiency score"],
    [
      'Wasted',
      humanBytes(image.wastedBytes),
      'wasted',
      "dive's wastedBytes: every copy of a path seen in 2+ layers",
    ],
    [
      'User wasted',
      image.wastedUserPercent === null ? 'n/a' : percent(image.wastedUserPercent),
      'user-wasted',
    ],
    [
      'Hidden by later layers',
      humanBytes(image.recoverableBytes),
      'recoverable',
      'Bytes the layers store that the final image never shows: files a later layer overwrites or deletes.',
    ],
  ];
  return (
    <section className="pane details-pane" aria-labelledby="details-title">
      <h2 id="details-title">Image details</h2>
      <dl className="figures">
        {figures.map(([label, value, id, explanation]) => (
          <div key={id} className="figure">
            <dt>
              {label}
              {explanation && (
                <span className="figure-help" title={explanation} aria-label={explanation}>
                  ?
                </span>
              )}
            </dt>
            <dd data-testid={`figure-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="figure-note small muted" data-testid="recoverable-note">
        <strong>Hidden by later layers</strong>: bytes the layers store that the final image never shows:
        files a later layer overwrites or deletes. Not the Advice total (“saved by the fixes”), which also
        counts duplicate content the final image shows.
      </p>
    </section>
  );
}
