// Rows written per second over the last few seconds, from (time, total) samples taken per batch.

const WINDOW_MS = 5000

export class WriteRate {
  private readonly samples: { at: number; total: number }[] = []

  record(at: number, total: number): void {
    this.samples.push({ at, total })
    while (this.samples.length > 2 && at - this.samples[1].at > WINDOW_MS) this.samples.shift()
  }

  perSecond(now: number): number {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || now - last.at > WINDOW_MS) return 0
    const span = Math.max(1000, now - first.at)
    return Math.round(((last.total - first.total) * 1000) / span)
  }
}
