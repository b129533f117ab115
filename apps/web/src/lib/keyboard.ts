/**
 * Keys of the analysis page as pure functions: a key press (plus where focus is) becomes a
 * command; the store applies it. Arrows and vim keys move, `w` or F6 switch panes (dive's Tab:
 * in a web page Tab must walk from control to control), Space collapses, `/` or Ctrl+F filters,
 * `?` lists the keys. Plain letters stand in for dive's Ctrl+A/Ctrl+L/Ctrl+R… because the
 * browser keeps some Ctrl keys (Ctrl+L, Ctrl+R) for itself.
 *
 * Where focus is decides what a key may mean: in the layer list or the file tree (or nowhere)
 * every key is ours; on a button, link, checkbox or other list, Space, Enter and the arrows are
 * that control's own, and only the letter shortcuts act; in a text field only the keys that
 * leave it.
 */
import type { ChangeStatus } from '@strata/analysis';

export type Pane = 'layers' | 'tree';
export const PANES: Pane[] = ['layers', 'tree'];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** Focus is in a text field: only Escape, Enter and ArrowDown mean something to us there. */
  inTextField?: boolean;
  /** Focus is on some other control (button, link, checkbox, another list): its own keys win. */
  onControl?: boolean;
}

export type Command =
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'toggle' }
  | { type: 'expand' }
  | { type: 'collapse' }
  | { type: 'collapseAll' }
  | { type: 'expandAll' }
  | { type: 'pane'; direction: 1 | -1 }
  | { type: 'filter' }
  | { type: 'leaveFilter' }
  | { type: 'help' }
  | { type: 'escape' }
  | { type: 'mode' }
  | { type: 'sort' }
  | { type: 'hide'; status: ChangeStatus }
  | { type: 'package' }
  | { type: 'enter' };

const HIDE_KEYS: Record<string, ChangeStatus> = {
  '1': 'added',
  '2': 'modified',
  '3': 'removed',
  '4': 'unmodified',
};

/** Keys a focused control handles itself (a button's Space, a list's arrows, a link's Enter). */
const OWN_KEYS = new Set([
  ' ',
  'Enter',
  'ArrowDown',
  'ArrowUp',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'j',
  'k',
  'g',
  'G',
  'h',
  'l',
  'Escape',
]);

export function commandFor(input: KeyInput): Command | undefined {
  const { key } = input;
  const ctrl = input.ctrlKey || input.metaKey;
  if (key === 'F6' && !ctrl && !input.altKey) return { type: 'pane', direction: input.shiftKey ? -1 : 1 };
  if (input.inTextField) {
    if (key === 'Escape' || key === 'Enter' || key === 'ArrowDown') return { type: 'leaveFilter' };
    return undefined;
  }
  if (ctrl) {
    if (key === 'f' || key === 'F') return { type: 'filter' };
    if (key === ' ') return { type: 'collapseAll' };
    return undefined;
  }
  if (input.altKey) return undefined;
  if (input.onControl && OWN_KEYS.has(key)) return undefined;
  switch (key) {
    case 'w':
      return { type: 'pane', direction: 1 };
    case 'W':
      return { type: 'pane', direction: -1 };
    case 'ArrowDown':
    case 'j':
      return { type: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'page', direction: 1 };
    case 'PageUp':
      return { type: 'page', direction: -1 };
    case 'Home':
    case 'g':
      return { type: 'edge', to: 'first' };
    case 'End':
    case 'G':
      return { type: 'edge', to: 'last' };
    case ' ':
      return { type: 'toggle' };
    case 'ArrowRight':
    case 'l':
      return { type: 'expand' };
    case 'ArrowLeft':
    case 'h':
      return { type: 'collapse' };
    case 'c':
      return { type: 'collapseAll' };
    case 'e':
      return { type: 'expandAll' };
    case '/':
      return { type: 'filter' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'escape' };
    case 'Enter':
      return { type: 'enter' };
    case 'a':
      return { type: 'mode' };
    case 's':
      return { type: 'sort' };
    case 'p':
      return { type: 'package' };
  }
  const status = HIDE_KEYS[key];
  return status ? { type: 'hide', status } : undefined;
}

/** The cursor after a move, kept inside the list (an empty list has no cursor). */
export function moveCursor(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.min(count - 1, index + delta));
}

export function nextPane(pane: Pane, direction: 1 | -1): Pane {
  const at = PANES.indexOf(pane);
  return PANES[(at + direction + PANES.length) % PANES.length] as Pane;
}

/** For the `?` overlay: what each key does, in the order people look for them. */
export const KEY_HELP: Array<[string, string]> = [
  ['↑ ↓  or  k j', 'move (layers pane: previous / next layer)'],
  ['PgUp PgDn  Home End  g G', 'move by a page, to the first / last'],
  ['Tab  Shift+Tab', 'next / previous control (lists are one stop: arrows move inside)'],
  ['w  or  F6', 'switch between the layers pane and the file tree (dive’s Tab)'],
  ['Enter', 'layers pane: show the full instruction of the layer'],
  ['Space', 'collapse / expand the directory'],
  ['← →  or  h l', 'collapse / expand'],
  ['c  or  Ctrl+Space', 'collapse all'],
  ['e', 'expand all'],
  ['/  or  Ctrl+F', 'filter the tree (Esc or Enter returns to the tree)'],
  ['a', "toggle this layer's changes / all changes up to this layer"],
  ['s', 'sort by name / size'],
  ['1 2 3 4', 'hide / show added, modified, removed, unmodified'],
  ['p', 'only the files of the selected file’s package (again: every file)'],
  ['?', 'this help'],
  ['Esc', 'close this help'],
];
