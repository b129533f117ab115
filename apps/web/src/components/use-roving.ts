import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { rovingTarget } from '../lib/roving.js';

export interface RovingItemProps {
  tabIndex: number;
  ref: (el: HTMLElement | null) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: () => void;
}

/** One Tab stop for a list of `count` items; arrows move focus (lib/roving.ts). */
export function useRoving(count: number): (index: number) => RovingItemProps {
  const [active, setActive] = useState(0);
  const items = useRef<Array<HTMLElement | null>>([]);
  const current = Math.min(active, Math.max(0, count - 1));
  return useCallback(
    (index: number): RovingItemProps => ({
      tabIndex: index === current ? 0 : -1,
      ref: (el) => {
        items.current[index] = el;
      },
      onFocus: () => setActive(index),
      onKeyDown: (e) => {
        if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
        const next = rovingTarget(e.key, index, count);
        if (next === undefined) return;
        // Also tells the page's key handler (keyboard-actions.ts) that the key was used.
        e.preventDefault();
        setActive(next);
        items.current[next]?.focus();
      },
    }),
    [current, count],
  );
}
