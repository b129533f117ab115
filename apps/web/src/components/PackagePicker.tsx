import type { ModelPackage } from '@strata/analysis';
import { useId, useState, type KeyboardEvent } from 'react';
import { packageIndices, packageTitle, searchPackages, specLabel, specOf } from '../lib/package-filter.js';
import { useApp } from '../store/app-store.js';

/** Options shown at once: the search narrows the rest. */
const SHOWN = 50;

/**
 * "Files of package X" in the tree toolbar: a combobox (WAI-ARIA APG, list autocomplete) that
 * searches the model's package table, and once a package is chosen a chip that says which and
 * clears it. Arrow keys move in the list, Enter picks, Escape closes it.
 */
export function PackagePicker() {
  const packages = useApp((s) => s.packages);
  const pkg = useApp((s) => s.tree.pkg);
  const setPackage = useApp((s) => s.setPackage);
  if (!pkg) return packages?.length ? <PackageSearch packages={packages} /> : null;
  const known = packages !== undefined && packageIndices(packages, pkg).length > 0;
  return (
    <div className="package-chip" data-testid="package-filter">
      {known ? (
        <span title={`Files of ${specLabel(pkg)} (${pkg.manager})`}>
          Files of <strong>{specLabel(pkg)}</strong>
        </span>
      ) : (
        <span className="filter-error" role="alert">
          {packages
            ? `No package ${pkg.manager}:${specLabel(pkg)} in this image`
            : 'No packages: this analysis did not read the layers’ contents'}
        </span>
      )}
      <button type="button" aria-label="Show every package’s files" onClick={() => setPackage(undefined)}>
        ×
      </button>
    </div>
  );
}

function PackageSearch({ packages }: { packages: ModelPackage[] }) {
  const setPackage = useApp((s) => s.setPackage);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const options = open ? searchPackages(packages, text, SHOWN) : [];
  const choose = (p: ModelPackage | undefined) => {
    if (!p) return;
    setOpen(false);
    setText('');
    setPackage(specOf(p));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      setOpen(true);
      setActive(Math.max(0, Math.min(options.length - 1, to)));
    };
    if (e.key === 'ArrowDown') move(open ? active + 1 : 0);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'Enter' && open) choose(options[active]?.pkg);
    else if (e.key === 'Escape' && open) setOpen(false);
    else return;
    // Ours, not the page's (which would hand the keys back to the tree).
    e.preventDefault();
  };
  return (
    <div className="package-picker">
      <input
        type="text"
        role="combobox"
        aria-label="Files of package"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-${active}` : undefined}
        placeholder={`Package… (${packages.filter((p) => p.goneAt === undefined).length})`}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="package-options" role="listbox" id={`${id}-list`} aria-label="Packages">
          {options.map(({ index, pkg }, i) => (
            <li
              key={index}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              title={packageTitle(pkg)}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(pkg);
              }}
            >
              <span className="mono">{pkg.name}</span> <span className="muted">{pkg.version}</span>
              {pkg.goneAt !== undefined && <span className="muted"> (gone at layer {pkg.goneAt})</span>}
            </li>
          ))}
          {options.length === 0 && (
            <li className="muted" role="option" aria-selected={false} aria-disabled>
              No package matches
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
