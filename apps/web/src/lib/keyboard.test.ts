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

  it('leaves Tab to the browser; switches panes with w or F6 (Shift+F6 back), F6 even from the filter box', () => {
    expect(commandFor({ key: 'Tab' })).toBeUndefined();
    expect(commandFor({ key: 'Tab', shiftKey: true })).toBeUndefined();
    expect(commandFor({ key: 'w' })).toEqual({ type: 'pane', direction: 1 });
    expect(commandFor({ key: 'F6', shiftKey: true })).toEqual({ type: 'pane', direction: -1 });
    expect(commandFor({ key: 'F6', inTextField: true })).toEqual({ type: 'pane', direction: 1 });
  });

  it('on another control, leaves it its own keys and keeps the letter shortcuts', () => {
    for (const key of [' ', 'Enter', 'ArrowDown', 'j', 'Escape'])
      expect(commandFor({ key, onControl: true })).toBeUndefined();
    expect(commandFor({ key: 'a', onControl: true })).toEqual({ type: 'mode' });
    expect(commandFor({ key: '?', onControl: true })).toEqual({ type: 'help' });
    expect(commandFor({ key: 'Enter' })).toEqual({ type: 'enter' });
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

  it('p narrows the tree to the selected file’s package (not while typing in a box)', () => {
    expect(commandFor({ key: 'p' })).toEqual({ type: 'package' });
    expect(commandFor({ key: 'p', onControl: true })).toEqual({ type: 'package' });
    expect(commandFor({ key: 'p', inTextField: true })).toBeUndefined();
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

describe('rovingTarget', () => {
  it('moves inside the list and stops at its ends', async () => {
    const { rovingTarget } = await import('./roving.js');
    expect(rovingTarget('ArrowDown', 0, 3)).toBe(1);
    expect(rovingTarget('j', 2, 3)).toBe(2);
    expect(rovingTarget('ArrowUp', 0, 3)).toBe(0);
    expect(rovingTarget('End', 0, 3)).toBe(2);
    expect(rovingTarget('Home', 2, 3)).toBe(0);
    expect(rovingTarget('x', 1, 3)).toBeUndefined();
    expect(rovingTarget('ArrowDown', 0, 0)).toBeUndefined();
  });
});
