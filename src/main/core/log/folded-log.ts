interface FoldState<T> {
  lines: number
  lastAt: number
  folded: number
  /** The newest folded line's payload and number, written by the next `flush`. */
  latest: T | undefined
  latestSeq: number
}

/** Writes one line: `suffix` is '' or ` (N similar lines folded)`. */
export type FoldedWriter<T> = (payload: T, seq: number, suffix: string) => void

/**
 * Per-key rate limit for chatty lines (one per stored trade): the first `burst` lines pass,
 * then at most one per `intervalMs`. Folded lines are not forgotten: the newest one per key is
 * kept, and the next line that passes — or the next `flush`, called on every tick (about once a
 * second) and on stop — says how many were folded, so the log's last line for a key is never older
 * than one tick. The tick is the rate limit of flushed lines: a flushed line restarts its key's
 * interval, so each key still writes about one line per interval.
 * `offer` is a map lookup, a comparison and two stores: cheap enough for the ingest hot path.
 */
export class FoldedLines<T> {
  private readonly state = new Map<string, FoldState<T>>()

  constructor(
    private readonly burst: number,
    private readonly intervalMs: number,
    private readonly write: FoldedWriter<T>
  ) {}

  /** Writes the line for `payload` now, or folds it; `seq` travels with it (e.g. the trade's number). */
  offer(key: string, now: number, payload: T, seq = 0): void {
    let s = this.state.get(key)
    if (s === undefined) {
      s = { lines: 0, lastAt: 0, folded: 0, latest: undefined, latestSeq: 0 }
      this.state.set(key, s)
    }
    if (s.lines < this.burst || now - s.lastAt >= this.intervalMs) {
      this.pass(s, now, payload, seq)
      return
    }
    s.folded++
    s.latest = payload
    s.latestSeq = seq
  }

  /** Writes the newest folded line of every key that has one (each tick, and on stop). */
  flush(now: number): void {
    for (const s of this.state.values()) if (s.latest !== undefined) this.flushOne(s, now)
  }

  private flushOne(s: FoldState<T>, now: number): void {
    const payload = s.latest as T
    // The flushed line is itself one of the folded ones: the suffix counts the others.
    s.folded--
    this.pass(s, now, payload, s.latestSeq)
  }

  private pass(s: FoldState<T>, now: number, payload: T, seq: number): void {
    s.lines++
    s.lastAt = now
    const suffix = s.folded > 0 ? ` (${s.folded} similar lines folded)` : ''
    s.folded = 0
    s.latest = undefined
    this.write(payload, seq, suffix)
  }
}
