import type { RawFrameStats } from '../../../shared/dto'

export interface RawFrame {
  receivedAt: number
  text: string
}

const DROPPED: RawFrame = { receivedAt: 0, text: '' }

/** The most recent raw frames, bounded by count and by bytes (UTF-16 length as the byte estimate). */
export class RawFrameRing {
  private frames: RawFrame[] = []
  private head = 0
  private bytes = 0

  constructor(
    readonly maxCount: number,
    readonly maxBytes: number
  ) {}

  push(text: string, receivedAt: number): void {
    this.frames.push({ receivedAt, text })
    this.bytes += text.length
    while (this.frames.length - this.head > this.maxCount || (this.bytes > this.maxBytes && this.size > 1))
      this.dropOne()
    if (this.head > 1024 && this.head * 2 > this.frames.length) this.compact()
  }

  get size(): number {
    return this.frames.length - this.head
  }

  /** Drops frames received before `cutoff`; returns how many. */
  dropOlderThan(cutoff: number): number {
    let n = 0
    while (this.size > 0 && this.frames[this.head].receivedAt < cutoff) {
      this.dropOne()
      n++
    }
    this.compact()
    return n
  }

  recent(limit: number): RawFrame[] {
    return this.frames.slice(Math.max(this.head, this.frames.length - limit))
  }

  clear(): void {
    this.frames = []
    this.head = 0
    this.bytes = 0
  }

  stats(): RawFrameStats {
    return { count: this.size, bytes: this.bytes, max_count: this.maxCount, max_bytes: this.maxBytes }
  }

  private dropOne(): void {
    this.bytes -= this.frames[this.head].text.length
    // Release the text now: up to 1024 dropped slots wait for compaction, and frames may be 1 MiB each.
    this.frames[this.head] = DROPPED
    this.head++
  }

  private compact(): void {
    this.frames = this.frames.slice(this.head)
    this.head = 0
  }
}
