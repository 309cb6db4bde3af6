import type { NamedLog } from './engine-log'

interface FoldState {
  lines: number
  lastAt: number
  folded: number
}

/**
 * Per-key rate limit for chatty lines (one per stored trade): the first `burst` lines pass,
 * then at most one per `intervalMs`, and the next line that passes says how many were folded.
 * The check is a map lookup and a comparison, cheap enough for the ingest hot path.
 */
export class FoldedLines {
  private readonly state = new Map<string, FoldState>()

  constructor(
    private readonly burst = 5,
    private readonly intervalMs = 1000
  ) {}

  /** Returns null when the line must be folded, else the suffix to append ('' or ` (N similar lines folded)`). */
  admit(key: string, now: number): string | null {
    let s = this.state.get(key)
    if (s === undefined) {
      s = { lines: 0, lastAt: 0, folded: 0 }
      this.state.set(key, s)
    }
    if (s.lines < this.burst || now - s.lastAt >= this.intervalMs) {
      s.lines++
      s.lastAt = now
      const suffix = s.folded > 0 ? ` (${s.folded} similar lines folded)` : ''
      s.folded = 0
      return suffix
    }
    s.folded++
    return null
  }

  /** Logs `message()` through `log.info` unless folded; `message` is only built when it passes. */
  info(log: NamedLog, key: string, now: number, message: () => string): void {
    const suffix = this.admit(key, now)
    if (suffix !== null) log.info(message() + suffix)
  }

  reset(): void {
    this.state.clear()
  }
}
