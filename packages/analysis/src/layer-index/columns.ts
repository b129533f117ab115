/**
 * Growable typed-array columns: the layer index and the stacked image keep one array per field
 * instead of one object per entry (a million entries are a few flat buffers, not a million
 * objects for the garbage collector to trace).
 */
type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;
type Ctor<T extends TypedArray> = { new (length: number): T };

export class Column<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
    private readonly fill = 0,
  ) {
    this.data = new ctor(capacity);
    if (fill !== 0) this.data.fill(fill);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = value;
    return this.length++;
  }

  /** Make room for index `i` (new slots hold the fill value). */
  ensure(i: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    if (i >= this.length) this.length = i + 1;
  }

  /** An exact-length copy (the spare capacity is not kept or transferred). */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(min: number): void {
    const next = new this.ctor(Math.max(min, this.data.length * 2));
    if (this.fill !== 0) next.fill(this.fill);
    next.set(this.data);
    this.data = next;
  }
}
