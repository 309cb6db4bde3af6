// Desktop notifications for a feed that is down or silent: FeedWatch decides and logs; this shows them.

import { Notification } from 'electron'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { FeedWatch } from '../host/feed-watch'

export function createFeedNotifier(engine: EngineFacade, settings: Settings['notifications']): FeedWatch {
  return new FeedWatch(engine, settings, (alert) => {
    if (Notification.isSupported()) new Notification({ title: alert.title, body: alert.body }).show()
  })
}
