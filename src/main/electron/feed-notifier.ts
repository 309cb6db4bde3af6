// Desktop notifications: FeedWatch decides and logs; this shows each alert, as urgent as its kind (alert-kinds.ts).

import { Notification } from 'electron'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { ALERT_KINDS } from '../host/alert-kinds'
import { FeedWatch } from '../host/feed-watch'

export function createFeedNotifier(engine: EngineFacade, settings: Settings['notifications']): FeedWatch {
  return new FeedWatch(engine, settings, (alert) => {
    if (!Notification.isSupported()) return
    new Notification({ title: alert.title, body: alert.body, urgency: ALERT_KINDS[alert.kind].urgency }).show()
  })
}
