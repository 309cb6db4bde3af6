// Desktop notifications for a feed that is down or silent (FeedAlerts decides; this only shows them).

import { Notification } from 'electron'
import type { Unsubscribe } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { FeedAlerts } from '../host/feed-alerts'

/** How often a silent feed is re-checked without a status event. */
const CHECK_EVERY_MS = 2_000

export class FeedNotifier {
  private readonly alerts: FeedAlerts
  private enabled: boolean
  private readonly unsubscribe: Unsubscribe
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly engine: EngineFacade,
    settings: Settings['notifications']
  ) {
    this.alerts = new FeedAlerts(settings.downThresholdS * 1000)
    this.enabled = settings.enabled
    this.unsubscribe = engine.subscribe('status', (statuses) => this.show(this.alerts.observe(statuses, Date.now())))
    this.timer = setInterval(() => this.show(this.alerts.check(Date.now())), CHECK_EVERY_MS)
  }

  configure(settings: Settings['notifications']): void {
    this.enabled = settings.enabled
    this.alerts.setThreshold(settings.downThresholdS * 1000)
  }

  dispose(): void {
    clearInterval(this.timer)
    this.unsubscribe()
  }

  private show(alerts: ReturnType<FeedAlerts['check']>): void {
    for (const alert of alerts) {
      this.engine.logger.log(alert.kind === 'down' ? 'WARNING' : 'INFO', 'desktop', `${alert.title}: ${alert.body}`)
      // Still tracked while disabled, so turning notifications on does not replay old outages.
      if (this.enabled && Notification.isSupported()) new Notification({ title: alert.title, body: alert.body }).show()
    }
  }
}
