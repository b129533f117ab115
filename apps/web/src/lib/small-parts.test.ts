import { describe, expect, it } from 'vitest';
import { readableError } from './errors.js';
import { layerList } from './layer-list.js';
import { platformsIn } from './platforms.js';
import { highlightShell } from './shell-highlight.js';
import { addSample, percentDone, speedOf } from './transfer-speed.js';
import { formatUrlState, parseUrlState } from './url-state.js';
import { contains, scrollToReveal, visibleRange } from './virtual-window.js';

describe('url state', () => {
  it('round-trips analysis, layer and path, keeping slashes readable', () => {
    const url = formatUrlState({ analysis: 'sha256-ab12', layer: 7, path: '/root/saved file.txt' });
    expect(url).toBe('/?analysis=sha256-ab12&layer=7&path=/root/saved+file.txt');
    expect(parseUrlState(url.slice(1))).toEqual({
      analysis: 'sha256-ab12',
      layer: 7,
      path: '/root/saved file.txt',
    });
  });

  it('round-trips the view: mode, hidden types, filter, sort, platform, pane and tab', () => {
    const state = {
      analysis: 'sha256-ab12',
      layer: 3,
      mode: 'aggregate' as const,
      hidden: ['added' as const, 'unmodified' as const],
      filter: '*.deb',
      regex: true,
      matchCase: true,
      sort: 'size' as const,
      platform: 'linux/arm64/v8',
      pane: 'layers' as const,
      tab: 'config' as const,
      path: '/var',
    };
    const url = formatUrlState(state);
    expect(url).toBe(
      '/?analysis=sha256-ab12&platform=linux/arm64/v8&layer=3&mode=aggregate&hide=added,unmodified&q=*.deb&regex=1&case=1&sort=size&pane=layers&tab=config&path=/var',
    );
    expect(parseUrlState(url.slice(1))).toEqual(state);
  });

  it('ignores what does not make sense', () => {
    expect(
      parseUrlState('?analysis=x&layer=-1&path=relative&mode=x&hide=nope&sort=up&pane=x&tab=x&platform=a b'),
    ).toEqual({
      analysis: 'x',
    });
    expect(parseUrlState('?layer=abc')).toEqual({});
    expect(formatUrlState({})).toBe('/');
  });
});

describe('virtual window', () => {
  it('renders only the rows in view (plus overscan)', () => {
    expect(visibleRange(0, 440, 22, 100_000, 0)).toEqual({ start: 0, end: 20 });
    expect(visibleRange(22_000, 440, 22, 100_000, 5)).toEqual({ start: 995, end: 1025 });
    expect(visibleRange(0, 440, 22, 3, 5)).toEqual({ start: 0, end: 3 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(5, 0, 440, 22)).toBe(0);
    expect(scrollToReveal(30, 0, 440, 22)).toBe(31 * 22 - 440);
    expect(scrollToReveal(2, 220, 440, 22)).toBe(44);
    expect(contains({ start: 0, end: 100 }, { start: 10, end: 100 })).toBe(true);
    expect(contains({ start: 0, end: 100 }, { start: 10, end: 101 })).toBe(false);
  });
});

describe('transfer speed', () => {
  it('measures over a sliding window', () => {
    let s = addSample([], { at: 0, bytes: 0 });
    s = addSample(s, { at: 1000, bytes: 1_000_000 });
    expect(speedOf(s)).toBe(1_000_000);
    s = addSample(s, { at: 5000, bytes: 1_200_000 });
    // The first sample fell out of the 3 s window.
    expect(speedOf(s)).toBe(50_000);
    expect(percentDone(50, 200)).toBe(25);
    expect(percentDone(5, undefined)).toBeUndefined();
  });
});

describe('layerList', () => {
  const layer = (index: number, historyIndex: number | null) => ({ index, historyIndex }) as never;
  const h = (index: number, layerIndex: number | null, text: string) =>
    ({
      index,
      layerIndex,
      createdBy: text,
      emptyLayer: layerIndex === null,
      instruction: { kind: 'CMD', text, raw: text },
    }) as never;

  it('places empty history entries between the layers they came between', () => {
    const items = layerList({
      layers: [layer(0, 0), layer(1, 3), layer(2, null)],
      history: [
        h(0, 0, 'ADD x'),
        h(1, null, 'ENV A=1'),
        h(2, null, 'LABEL b=2'),
        h(3, 1, 'RUN y'),
        h(4, null, 'CMD ["sh"]'),
      ],
    });
    expect(items.map((i) => (i.kind === 'layer' ? `L${i.layer.index}` : i.text))).toEqual([
      'L0',
      'ENV A=1',
      'LABEL b=2',
      'L1',
      'L2',
      'CMD ["sh"]',
    ]);
  });
});

describe('highlightShell', () => {
  it('marks keyword, commands, flags, strings, variables and operators', () => {
    const tokens = highlightShell('RUN apt-get update && apt-get install -y "curl" $PKG | tee log');
    const kinds = tokens.filter((t) => t.kind !== 'text').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'keyword:RUN',
      'command:apt-get',
      'operator:&&',
      'command:apt-get',
      'flag:-y',
      'string:"curl"',
      'variable:$PKG',
      'operator:|',
      'command:tee',
    ]);
    expect(tokens.map((t) => t.text).join('')).toBe(
      'RUN apt-get update && apt-get install -y "curl" $PKG | tee log',
    );
  });

  it('keeps every character of odd input', () => {
    const odd = 'RUN echo "unterminated \\" $( ${X:-y} # c';
    expect(
      highlightShell(odd)
        .map((t) => t.text)
        .join(''),
    ).toBe(odd);
  });
});

describe('readableError / platformsIn', () => {
  it('says what to do next', () => {
    expect(readableError('NOT_AN_IMAGE', 'no manifest.json').hint).toMatch(/docker save/);
    expect(readableError('UNAUTHORIZED', 'nope').title).toMatch(/refused access/);
    // The code wins over digits in the message that look like a status (a port here).
    expect(readableError('NOT_FOUND', 'manifest 127.0.0.1:34011/a:b not found').title).toMatch(
      /does not have this image/,
    );
    expect(readableError(undefined, 'HTTP 401').title).toMatch(/refused access/);
    expect(readableError('WHATEVER', 'boom')).toMatchObject({
      title: 'Something went wrong',
      message: 'boom',
    });
  });

  it('finds platforms in a server message', () => {
    expect(
      platformsIn('no linux/s390x in the index; it has linux/amd64, linux/arm64/v8 and windows/amd64'),
    ).toEqual(['linux/s390x', 'linux/amd64', 'linux/arm64/v8', 'windows/amd64']);
    expect(platformsIn('team/api:dev not found')).toEqual([]);
  });
});
