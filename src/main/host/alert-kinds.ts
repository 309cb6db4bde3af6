// Every kind of alert the monitor raises, and how each is told: its log level and how urgent its
// desktop notification is. A new kind (e.g. "trades not persisted", "forwarding down" once those
// tiers exist) is one entry here plus the code that detects it; the log line, the notification and
// its urgency follow from the entry.

import type { FeedAlert } from '../../shared/feed-alerts'

export interface AlertKindSpec {
  level: 'INFO' | 'WARNING' | 'ERROR'
  /** Linux notification urgency (Windows and macOS ignore it). */
  urgency: 'normal' | 'critical' | 'low'
}

export type AlertKind = FeedAlert['kind']

export const ALERT_KINDS: Record<AlertKind, AlertKindSpec> = {
  down: { level: 'WARNING', urgency: 'critical' },
  recovered: { level: 'INFO', urgency: 'normal' }
}
