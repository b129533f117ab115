/**
 * Applies a key's command (lib/keyboard.ts) to the store. The command table is pure and tested
 * there; this is the thin part that knows which action each command means in which pane.
 */
import { commandFor, type Command } from '../lib/keyboard.js';
import { specOf } from '../lib/package-filter.js';
import { ROW_PAGE } from './constants.js';
import type { AppState } from './types.js';

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
  /** A focused widget (a roving list, the dialog) already handled the key. */
  defaultPrevented?: boolean;
}

const isTextField = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'checkbox'));

/** The two lists the movement keys drive; anywhere else that is focusable is "a control". */
const isOurList = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.classList.contains('layer-list') || t.classList.contains('tree-list'));

const isControl = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && t !== document.body && !isOurList(t) && !isTextField(t);

/** True when the key was ours (the caller then prevents the browser's default). */
export function handleKey(state: AppState, e: KeyEventLike): boolean {
  if (e.defaultPrevented) return false;
  const inTextField = isTextField(e.target);
  // Field by field: a KeyboardEvent's fields are prototype getters, which a spread would drop.
  const command = commandFor({
    key: e.key,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    shiftKey: e.shiftKey,
    inTextField,
    onControl: isControl(e.target),
  });
  if (!command) return false;
  if (state.help && command.type !== 'help' && command.type !== 'escape') return false;
  applyCommand(state, command);
  return true;
}

export function applyCommand(state: AppState, command: Command): void {
  const layers = state.pane === 'layers';
  const lastLayer = (state.report?.layers.length ?? 1) - 1;
  switch (command.type) {
    case 'move':
      return layers ? state.selectLayer(state.layer + command.delta) : state.moveBy(command.delta);
    case 'page':
      return layers
        ? state.selectLayer(Math.max(0, Math.min(lastLayer, state.layer + command.direction * 5)))
        : state.moveBy(command.direction * ROW_PAGE);
    case 'edge':
      if (layers) return state.selectLayer(command.to === 'first' ? 0 : lastLayer);
      return state.setCursor(command.to === 'first' ? 0 : state.tree.count - 1);
    case 'toggle':
      return state.toggleCollapse();
    case 'expand':
      return layers ? state.selectLayer(state.layer + 1) : state.expandOrDescend();
    case 'collapse':
      return layers ? state.selectLayer(state.layer - 1) : state.collapseOrAscend();
    case 'collapseAll':
      return void state.collapseAll();
    case 'expandAll':
      return state.expandAll();
    case 'pane':
      return state.cyclePane(command.direction);
    case 'enter':
      return layers ? state.toggleInstruction(state.layer) : state.toggleCollapse();
    case 'filter': {
      const box = document.getElementById('tree-filter');
      state.setPane('tree');
      if (box) return box.focus();
      // The filter lives on the Files tab: open it, then focus the box once it is rendered.
      state.setTab('files');
      return void setTimeout(() => document.getElementById('tree-filter')?.focus(), 0);
    }
    case 'leaveFilter':
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector<HTMLElement>('.tree-list')?.focus();
      return state.setPane('tree');
    case 'help':
      return state.setHelp(!state.help);
    case 'escape':
      return state.setHelp(false);
    case 'mode':
      return state.setMode(state.tree.mode === 'layer' ? 'aggregate' : 'layer');
    case 'sort':
      return state.setSort(state.tree.sort === 'name' ? 'size' : 'name');
    case 'hide':
      return state.toggleHidden(command.status);
    case 'package': {
      if (state.tree.pkg) return state.setPackage(undefined);
      const row = state.tree.cursorRow;
      const pkg = row && state.packages?.[row.pkg - 1];
      return pkg ? state.setPackage(specOf(pkg)) : undefined;
    }
  }
}
