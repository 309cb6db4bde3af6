// `gaps` and `health` are pushed like `status`, but only when they changed: the gap list when the
// tracker's revision moved, the health report when anything but its timestamp differs. Looked for
// at the status cadence; nothing is computed for an event nobody listens to. A changed gap list
// goes out after the trades batched before it (`flushTrades`): a gap settled as "5 recovered"
// never reaches a window before the 5 trades it recovered.

import type { HealthReport } from '../../../shared/dto'
import type { GapTracker } from '../collector/gaps'
import type { EventHub } from '../events'

export class StatePushes {
  private timer: NodeJS.Timeout | null = null
  private gapsRevision: number | null = null
  private healthKey: string | null = null

  constructor(
    private readonly hub: EventHub,
    private readonly gaps: GapTracker,
    private readonly health: () => HealthReport,
    private readonly intervalMs: number,
    private readonly flushTrades: () => void
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.check(), Math.max(50, this.intervalMs))
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Pushes what changed since the last push (everything, after a time nobody listened). */
  check(): void {
    this.pushGaps()
    this.pushHealth()
  }

  private pushGaps(): void {
    if (!this.hub.has('gaps')) {
      this.gapsRevision = null
      return
    }
    if (this.gaps.revision === this.gapsRevision) return
    this.gapsRevision = this.gaps.revision
    this.flushTrades()
    const list = this.gaps.list()
    this.hub.emit('gaps', { count: list.length, gaps: list })
  }

  private pushHealth(): void {
    if (!this.hub.has('health')) {
      this.healthKey = null
      return
    }
    const report = this.health()
    const key = JSON.stringify({ ...report, timestamp: 0 })
    if (key === this.healthKey) return
    this.healthKey = key
    this.hub.emit('health', report)
  }
}
