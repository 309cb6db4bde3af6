/** A fixed-capacity ring: pushing past capacity overwrites the oldest. Index 0 is the newest. */
export class Ring<T> {
  private readonly buf: (T | undefined)[]
  private head = 0
  private count = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('ring capacity must be a positive integer')
    this.buf = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.count
  }

  push(item: T): void {
    this.buf[this.head] = item
    this.head = (this.head + 1) % this.capacity
    if (this.count < this.capacity) this.count++
  }

  /** `i` = 0 is the newest item. */
  get(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined
    return this.buf[(this.head - 1 - i + this.capacity * 2) % this.capacity]
  }

  newest(): T | undefined {
    return this.get(0)
  }

  /** Oldest to newest. */
  *chronological(): IterableIterator<T> {
    for (let i = this.count - 1; i >= 0; i--) yield this.get(i) as T
  }

  clear(): void {
    this.buf.fill(undefined)
    this.head = 0
    this.count = 0
  }
}
