// Counts trades for one ingest run and reports once: when the expected count is reached, or
// when no trade has arrived for `idleMs` (a client that drops trades never reaches the count).
import { performance } from 'node:perf_hooks'
import { toParent, type IngestResult } from '../messages'

export class IngestCounter {
  private trades = 0
  private frames = 0
  private firstAt = 0
  private lastAt = 0
  private cpuAtFirst: NodeJS.CpuUsage | null = null
  private cpuAtLast: NodeJS.CpuUsage | null = null
  private done = false
  private readonly idle: NodeJS.Timeout

  constructor(
    private readonly expect: number,
    idleMs: number,
    private readonly onDone: () => void
  ) {
    this.idle = setInterval(
      () => {
        if (this.trades > 0 && performance.now() - this.lastAt > idleMs) this.finish()
      },
      Math.max(50, idleMs / 4)
    )
  }

  add(trades: number): void {
    if (this.done) return
    const now = performance.now()
    if (this.frames === 0) {
      this.firstAt = now
      this.cpuAtFirst = process.cpuUsage()
    }
    this.frames++
    this.trades += trades
    this.lastAt = now
    if (this.trades >= this.expect) this.finish()
  }

  result(): IngestResult {
    const elapsedMs = this.lastAt - this.firstAt
    const first = this.cpuAtFirst
    const last = this.cpuAtLast
    const cpuMs = first && last ? (last.user - first.user + last.system - first.system) / 1000 : null
    return {
      trades: this.trades,
      frames: this.frames,
      elapsedMs,
      tradesPerS: elapsedMs > 0 ? (this.trades / elapsedMs) * 1000 : 0,
      complete: this.trades >= this.expect,
      // Below ~90%: the client waited on the feed, so its rate is a lower bound.
      cpuPct: cpuMs !== null && elapsedMs > 0 ? (cpuMs / elapsedMs) * 100 : null
    }
  }

  private finish(): void {
    if (this.done) return
    this.done = true
    this.cpuAtLast = process.cpuUsage()
    clearInterval(this.idle)
    toParent({ type: 'ingest', result: this.result() })
    this.onDone()
  }

  dispose(): void {
    this.done = true
    clearInterval(this.idle)
  }
}
