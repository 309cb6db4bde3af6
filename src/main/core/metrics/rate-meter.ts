/**
 * Events per second over a sliding window of whole seconds, from a monotonically growing counter.
 * `sample()` is called once a second by the owner; reading the rate costs nothing on the hot path.
 */
export class RateMeter {
  private readonly history: { at: number; value: number }[] = []

  constructor(private readonly windowMs = 5000) {}

  sample(value: number, at: number): void {
    this.history.push({ at, value })
    while (this.history.length > 2 && at - this.history[1].at >= this.windowMs) this.history.shift()
  }

  perSecond(): number {
    if (this.history.length < 2) return 0
    const a = this.history[0]
    const b = this.history[this.history.length - 1]
    const dt = (b.at - a.at) / 1000
    return dt > 0 ? Math.round(((b.value - a.value) / dt) * 100) / 100 : 0
  }
}
