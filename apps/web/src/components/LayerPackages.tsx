import { humanBytes } from '@strata/analysis';
import type { LayerSummary } from '@strata/contract';
import { useApp } from '../store/app-store.js';

type Change = NonNullable<LayerSummary['packages']>['added'][number] & { from?: string };

/** Rows listed per kind; a layer that installs thousands of npm packages says how many more. */
const LISTED = 200;

/**
 * The packages a layer added, upgraded and removed (the report's per-layer packages), each a
 * link to "files of package X" in the tree: for a removed one, its files as this layer removes
 * them (struck through).
 */
export function LayerPackages({ layer }: { layer: LayerSummary }) {
  const changes = layer.packages;
  if (!changes) return null;
  const kinds: Array<[string, string, Change[]]> = [
    ['added', 'st-added', changes.added],
    ['upgraded', 'st-modified', changes.upgraded],
    ['removed', 'st-removed', changes.removed],
  ];
  if (kinds.every(([, , list]) => list.length === 0)) return null;
  return (
    <div className="layer-packages small" data-testid="layer-packages">
      <span className="digest-label">Packages</span>
      {kinds.map(
        ([kind, className, list]) =>
          list.length > 0 && (
            <details key={kind}>
              <summary className={className}>
                {list.length} {kind} ({humanBytes(list.reduce((sum, c) => sum + c.bytes, 0))})
              </summary>
              <ul>
                {list.slice(0, LISTED).map((c) => (
                  <PackageLink key={`${c.manager}:${c.name}:${c.version}`} change={c} />
                ))}
                {list.length > LISTED && <li className="muted">and {list.length - LISTED} more</li>}
              </ul>
            </details>
          ),
      )}
    </div>
  );
}

function PackageLink({ change }: { change: Change }) {
  const setPackage = useApp((s) => s.setPackage);
  const setPane = useApp((s) => s.setPane);
  const setTab = useApp((s) => s.setTab);
  const { manager, name, version } = change;
  return (
    <li>
      <button
        type="button"
        className="link-button"
        title={`Show the files of ${name} ${version} (${manager}) in the tree`}
        onClick={() => {
          setTab('files');
          setPane('tree');
          setPackage({ manager, name, version });
        }}
      >
        {name}
      </button>{' '}
      <span className="muted">
        {change.from ? `${change.from} → ` : ''}
        {version} · {humanBytes(change.bytes)}
      </span>
    </li>
  );
}
