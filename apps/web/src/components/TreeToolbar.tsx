import type { ChangeStatus } from '@strata/analysis';
import { STATUS_ORDER } from '../lib/tree-query.js';
import { useApp } from '../store/app-store.js';
import { PackagePicker } from './PackagePicker.js';

const LABEL: Record<ChangeStatus, string> = {
  added: 'added',
  modified: 'modified',
  removed: 'removed',
  unmodified: 'unmodified',
};

/** Compare mode, hide toggles (doubling as the colour legend), filter, sort, collapse/expand all. */
export function TreeToolbar() {
  const mode = useApp((s) => s.tree.mode);
  const hidden = useApp((s) => s.tree.hidden);
  const filter = useApp((s) => s.tree.filter);
  const filterError = useApp((s) => s.tree.filterError);
  const sort = useApp((s) => s.tree.sort);
  const setMode = useApp((s) => s.setMode);
  const toggleHidden = useApp((s) => s.toggleHidden);
  const setFilter = useApp((s) => s.setFilter);
  const setSort = useApp((s) => s.setSort);
  const collapseAll = useApp((s) => s.collapseAll);
  const expandAll = useApp((s) => s.expandAll);
  return (
    <div className="tree-toolbar">
      <div className="toolbar-row">
        <div className="segmented" role="group" aria-label="Compare">
          <button type="button" aria-pressed={mode === 'layer'} onClick={() => setMode('layer')}>
            This layer
          </button>
          <button type="button" aria-pressed={mode === 'aggregate'} onClick={() => setMode('aggregate')}>
            All changes up to this layer
          </button>
        </div>
        <div className="legend" role="group" aria-label="Show change types">
          {STATUS_ORDER.map((s) => (
            <label key={s} className={`legend-item st-${s}`} title={`Show ${LABEL[s]} files`}>
              <input type="checkbox" checked={!hidden.has(s)} onChange={() => toggleHidden(s)} />
              <span className="swatch" />
              {LABEL[s]}
            </label>
          ))}
        </div>
      </div>
      <div className="toolbar-row">
        <div className="filter">
          <input
            id="tree-filter"
            type="search"
            aria-label="Filter paths"
            placeholder="Filter: text or *.glob  ( / )"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
            className={filterError ? 'invalid' : ''}
            spellCheck={false}
          />
          <label className="small" title="Treat the filter as a regular expression">
            <input
              type="checkbox"
              checked={filter.regex}
              onChange={() => setFilter({ ...filter, regex: !filter.regex })}
            />
            regex
          </label>
          <label className="small" title="Match upper and lower case exactly (off: case-insensitive)">
            <input
              type="checkbox"
              checked={filter.matchCase ?? false}
              onChange={() => setFilter({ ...filter, matchCase: !(filter.matchCase ?? false) })}
            />
            match case
          </label>
        </div>
        <PackagePicker />
        <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as 'name' | 'size')}>
          <option value="name">sort by name</option>
          <option value="size">sort by size</option>
        </select>
        <button type="button" onClick={() => void collapseAll()}>
          Collapse all
        </button>
        <button type="button" onClick={expandAll}>
          Expand all
        </button>
      </div>
      {filterError && (
        <div className="filter-error" role="alert">
          {filterError}
        </div>
      )}
    </div>
  );
}
