// Watches the engine's `status` events for a feed that is down or silent past the settings'
// threshold, and logs one warning per outage (and a line when it ends). The desktop app also shows
// each alert as a notification; headless serve has the log line only.

import type { Unsubscribe } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { FeedAlerts, type FeedAlert } from '../../shared/feed-alerts'
import { ALERT_KINDS } from './alert-kinds'

/** How often a silent feed is re-checked without a status event. */
const CHECK_EVERY_MS = 2_000

/** Shows an alert to the user beyond the log (desktop notification); called only while enabled. */
export type ShowAlert = (alert: FeedAlert) => void

export class FeedWatch {
  private readonly alerts: FeedAlerts
  private enabled: boolean
  private readonly unsubscribe: Unsubscribe
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly engine: EngineFacade,
    settings: Settings['notifications'],
    private readonly showAlert: ShowAlert = () => {}
  ) {
    this.alerts = new FeedAlerts(settings.downThresholdS * 1000)
    this.enabled = settings.enabled
    this.unsubscribe = engine.subscribe('status', (statuses) => this.report(this.alerts.observe(statuses, Date.now())))
    this.timer = setInterval(() => this.report(this.alerts.check(Date.now())), CHECK_EVERY_MS)
  }

  configure(settings: Settings['notifications']): void {
    this.enabled = settings.enabled
    this.alerts.setThreshold(settings.downThresholdS * 1000)
  }

  dispose(): void {
    clearInterval(this.timer)
    this.unsubscribe()
  }

  private report(alerts: readonly FeedAlert[]): void {
    for (const alert of alerts) {
      this.engine.logger.log(ALERT_KINDS[alert.kind].level, 'feed', `${alert.title}: ${alert.body}`)
      // Still tracked while disabled, so turning notifications on does not replay old outages.
      if (this.enabled) this.showAlert(alert)
    }
  }
}
