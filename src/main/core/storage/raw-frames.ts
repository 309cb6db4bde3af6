import type { RawFrameStats } from '../../../shared/dto'

export interface RawFrame {
  receivedAt: number
  text: string
  /** Its size as received (UTF-8 bytes; text that was not valid UTF-8 decodes with U+FFFD and a different length). */
  bytes: number
}

/** The first buffer, grown by doubling up to the byte bound as frames need it. */
const MIN_BUFFER_BYTES = 64 * 1024
const MIN_INDEX_SLOTS = 64

function grownTo(current: number, needed: number, bound: number): number {
  let n = Math.max(current, 1)
  while (n < needed) n *= 2
  return Math.max(needed, Math.min(n, bound))
}

/**
 * The most recent raw frames, bounded by count and by UTF-8 bytes, kept as bytes in one circular
 * buffer outside the JavaScript heap. Holding the frame strings themselves made the garbage
 * collector copy and promote every frame (10,000 of them, a few KB each, live at once): a third of
 * the engine's ingest time. A frame is decoded again only when it is read.
 *
 * Positions are virtual (bytes written so far, growing): a frame occupies [start, start + length)
 * and never crosses a multiple of the buffer's size (it moves to the next one, leaving the tail of
 * the buffer unused); it lies at `start % size` in the buffer. What is held spans at most the
 * buffer's size from the oldest frame's start.
 */
export class RawFrameRing {
  private buf = Buffer.alloc(0)
  /** Index of frames, circular: `first` is the oldest, `count` are held. */
  private starts = new Float64Array(0)
  private lengths = new Uint32Array(0)
  private times = new Float64Array(0)
  private first = 0
  private count = 0
  /** Virtual position where the next frame would start. */
  private tail = 0
  private bytes = 0

  constructor(
    readonly maxCount: number,
    readonly maxBytes: number
  ) {}

  /** `bytes`, when given, must be `text` as UTF-8 (as the socket received it): they are copied as they are. */
  push(text: string, receivedAt: number, bytes: Uint8Array | null = null): void {
    const len = bytes !== null ? bytes.length : Buffer.byteLength(text, 'utf8')
    // A frame larger than the whole bound is kept alone (as the exchange sent it).
    while (this.count > 0 && (this.count >= this.maxCount || this.bytes + len > this.maxBytes)) this.dropOne()
    if (this.count === this.starts.length) this.growIndex()
    if (this.buf.length === 0 || len > this.buf.length) this.growBuffer(this.bytes + len)
    let at = this.placed(len)
    while (this.count > 0 && at + len - this.starts[this.first] > this.buf.length) {
      // Below the byte bound the buffer grows rather than dropping frames the bound allows.
      if (this.buf.length < this.maxBytes) this.growBuffer(this.buf.length + 1)
      else this.dropOne()
      at = this.placed(len)
    }
    if (bytes !== null) this.buf.set(bytes, at % this.buf.length)
    else this.buf.write(text, at % this.buf.length, len, 'utf8')
    const slot = (this.first + this.count) % this.starts.length
    this.starts[slot] = at
    this.lengths[slot] = len
    this.times[slot] = receivedAt
    this.count++
    this.tail = at + len
    this.bytes += len
  }

  /** Where a frame of `len` bytes goes: at the tail, or at the buffer's start when the tail is too short. */
  private placed(len: number): number {
    if (this.count === 0) return 0
    const size = this.buf.length
    const at = this.tail
    return (at % size) + len > size ? at + size - (at % size) : at
  }

  get size(): number {
    return this.count
  }

  /** Drops frames received before `cutoff`; returns how many. */
  dropOlderThan(cutoff: number): number {
    let n = 0
    while (this.count > 0 && this.times[this.first] < cutoff) {
      this.dropOne()
      n++
    }
    return n
  }

  /** The newest `limit` frames, oldest first, decoded from their bytes. */
  recent(limit: number): RawFrame[] {
    const n = Math.max(0, Math.min(limit, this.count))
    const out: RawFrame[] = []
    for (let k = this.count - n; k < this.count; k++) {
      const slot = (this.first + k) % this.starts.length
      const at = this.starts[slot] % this.buf.length
      const bytes = this.lengths[slot]
      out.push({ receivedAt: this.times[slot], text: this.buf.toString('utf8', at, at + bytes), bytes })
    }
    return out
  }

  /** Forgets every frame and gives the buffer back. */
  clear(): void {
    this.buf = Buffer.alloc(0)
    this.starts = new Float64Array(0)
    this.lengths = new Uint32Array(0)
    this.times = new Float64Array(0)
    this.first = 0
    this.count = 0
    this.tail = 0
    this.bytes = 0
  }

  stats(): RawFrameStats {
    return { count: this.count, bytes: this.bytes, max_count: this.maxCount, max_bytes: this.maxBytes }
  }

  private dropOne(): void {
    this.bytes -= this.lengths[this.first]
    this.first = (this.first + 1) % this.starts.length
    this.count--
    if (this.count === 0) {
      this.first = 0
      this.tail = 0
    }
  }

  /** A larger index, the held frames moved to its front in order. */
  private growIndex(): void {
    const slots = grownTo(this.starts.length, Math.min(this.count + 1, this.maxCount), this.maxCount)
    const size = Math.max(slots, Math.min(MIN_INDEX_SLOTS, this.maxCount))
    const starts = new Float64Array(size)
    const lengths = new Uint32Array(size)
    const times = new Float64Array(size)
    for (let k = 0; k < this.count; k++) {
      const slot = (this.first + k) % this.starts.length
      starts[k] = this.starts[slot]
      lengths[k] = this.lengths[slot]
      times[k] = this.times[slot]
    }
    this.starts = starts
    this.lengths = lengths
    this.times = times
    this.first = 0
  }

  /**
   * A larger buffer holding at least `needed` bytes. What is held (virtual [oldest start, tail), at
   * most two runs of the old buffer) moves to its start, order and gaps kept.
   */
  private growBuffer(needed: number): void {
    const size = Math.max(
      needed,
      1,
      grownTo(Math.max(this.buf.length, Math.min(MIN_BUFFER_BYTES, this.maxBytes)), needed, this.maxBytes)
    )
    const buf = Buffer.allocUnsafe(size)
    if (this.count > 0) {
      const old = this.buf.length
      const from = this.starts[this.first]
      const span = this.tail - from
      const at = from % old
      const head = Math.min(span, old - at)
      this.buf.copy(buf, 0, at, at + head)
      if (span > head) this.buf.copy(buf, head, 0, span - head)
      for (let k = 0; k < this.count; k++) this.starts[(this.first + k) % this.starts.length] -= from
      this.tail = span
    }
    this.buf = buf
  }
}
