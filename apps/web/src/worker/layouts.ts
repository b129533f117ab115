/**
 * The explorer's layouts, kept by view settings, and those of the other layers computed ahead in
 * the worker's idle time (VS Code's tree does the same for the rendered window only; here the
 * whole layout of a million paths is a few passes over bytes, so it is done before the click
 * that wants it). A layer switch is then a lookup.
 */
import type { Explorer, Layout, ViewOptions } from '@strata/analysis';

/** Runs a task when the worker has nothing else to do (a macrotask: messages waiting go first). */
export type Idle = (task: () => void) => void;

/** Layouts kept (a byte and an int per node each). */
const KEPT = 6;

export class Layouts {
  private readonly kept = new Map<string, Layout>();
  /** Layers to lay out in idle time, next first, with the settings of the last view. */
  private queue: number[] = [];
  private settings: Omit<ViewOptions, 'layer'> | undefined;
  private warming = false;

  constructor(
    private readonly explorer: Explorer,
    private readonly idle: Idle,
  ) {}

  get(options: ViewOptions): Layout {
    const key = keyOf(options);
    let layout = this.kept.get(key);
    if (layout) this.kept.delete(key);
    else layout = this.explorer.layout(options);
    this.kept.set(key, layout);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return layout;
  }

  /** The layout of these settings is kept already. */
  has(options: ViewOptions): boolean {
    return this.kept.has(keyOf(options));
  }

  /**
   * Queue the other layers with the same settings, nearest first (the next layer before the
   * previous), computed a slice per idle turn, so a request arriving meanwhile hardly waits.
   */
  warmAround(options: ViewOptions): void {
    const { layer, ...settings } = options;
    const order: number[] = [];
    for (let d = 1; d < this.explorer.layerCount && order.length < KEPT - 1; d++) {
      if (layer + d < this.explorer.layerCount) order.push(layer + d);
      if (layer - d >= 0) order.push(layer - d);
    }
    this.settings = settings;
    this.queue = order.filter((l) => !this.has({ ...settings, layer: l }));
    if (this.warming || this.queue.length === 0) return;
    this.warming = true;
    this.idle(() => this.step());
  }

  /** Stop warming (another model is loaded): the queued turns end at once. */
  dispose(): void {
    this.queue = [];
    this.settings = undefined;
  }

  /** One slice of the next layer's state per turn, then its layout (two passes over bytes). */
  private step(): void {
    const next = this.queue[0];
    if (next !== undefined && this.settings) {
      if (!this.explorer.prepareSlice(next, this.settings.mode)) return this.idle(() => this.step());
      this.queue.shift();
      this.get({ ...this.settings, layer: next });
    }
    if (this.queue.length > 0) this.idle(() => this.step());
    else this.warming = false;
  }
}

function keyOf(o: ViewOptions): string {
  const filter = o.filter === undefined ? '' : typeof o.filter === 'string' ? `s${o.filter}` : `r${o.filter}`;
  const hidden = [...(o.hidden ?? [])].sort().join();
  const collapsed = [...(o.collapsed ?? [])].sort((a, b) => a - b).join();
  const packages = o.packages === undefined ? '' : `p${o.packages.join()}`;
  return `${o.layer}|${o.mode}|${hidden}|${o.sort ?? 'name'}|${collapsed}|${filter}|${packages}`;
}
