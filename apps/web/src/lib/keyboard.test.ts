import { describe, expect, it } from 'vitest';
import { commandFor, moveCursor, nextPane } from './keyboard.js';

describe('commandFor', () => {
  it('moves with arrows and vim keys', () => {
    expect(commandFor({ key: 'j' })).toEqual({ type: 'move', delta: 1 });
    expect(commandFor({ key: 'ArrowDown' })).toEqual({ type: 'move', delta: 1 });
    expect(commandFor({ key: 'k' })).toEqual({ type: 'move', delta: -1 });
    expect(commandFor({ key: 'ArrowUp' })).toEqual({ type: 'move', delta: -1 });
    expect(commandFor({ key: 'G' })).toEqual({ type: 'edge', to: 'last' });
    expect(commandFor({ key: 'PageDown' })).toEqual({ type: 'page', direction: 1 });
  });

  it('switches panes with Tab and Shift+Tab, even from the filter box', () => {
    expect(commandFor({ key: 'Tab' })).toEqual({ type: 'pane', direction: 1 });
    expect(commandFor({ key: 'Tab', shiftKey: true })).toEqual({ type: 'pane', direction: -1 });
    expect(commandFor({ key: 'Tab', inTextField: true })).toEqual({ type: 'pane', direction: 1 });
  });

  it('collapses with Space, filters with / and Ctrl+F, helps with ?', () => {
    expect(commandFor({ key: ' ' })).toEqual({ type: 'toggle' });
    expect(commandFor({ key: ' ', ctrlKey: true })).toEqual({ type: 'collapseAll' });
    expect(commandFor({ key: '/' })).toEqual({ type: 'filter' });
    expect(commandFor({ key: 'f', ctrlKey: true })).toEqual({ type: 'filter' });
    expect(commandFor({ key: 'f', metaKey: true })).toEqual({ type: 'filter' });
    expect(commandFor({ key: '?' })).toEqual({ type: 'help' });
    expect(commandFor({ key: '3' })).toEqual({ type: 'hide', status: 'removed' });
  });

  it('leaves typing in the filter box alone, except the keys that leave it', () => {
    expect(commandFor({ key: 'j', inTextField: true })).toBeUndefined();
    expect(commandFor({ key: '/', inTextField: true })).toBeUndefined();
    expect(commandFor({ key: ' ', inTextField: true })).toBeUndefined();
    expect(commandFor({ key: 'Escape', inTextField: true })).toEqual({ type: 'leaveFilter' });
    expect(commandFor({ key: 'Enter', inTextField: true })).toEqual({ type: 'leaveFilter' });
  });

  it('does not take the browser’s own shortcuts', () => {
    expect(commandFor({ key: 'r', ctrlKey: true })).toBeUndefined();
    expect(commandFor({ key: 'l', ctrlKey: true })).toBeUndefined();
    expect(commandFor({ key: 'j', altKey: true })).toBeUndefined();
    expect(commandFor({ key: 'x' })).toBeUndefined();
  });
});

describe('moveCursor / nextPane', () => {
  it('keeps the cursor inside the list', () => {
    expect(moveCursor(0, -1, 10)).toBe(0);
    expect(moveCursor(9, 1, 10)).toBe(9);
    expect(moveCursor(3, 20, 10)).toBe(9);
    expect(moveCursor(5, 0, 0)).toBe(0);
  });

  it('cycles panes both ways', () => {
    expect(nextPane('layers', 1)).toBe('tree');
    expect(nextPane('tree', 1)).toBe('layers');
    expect(nextPane('layers', -1)).toBe('tree');
  });
});
