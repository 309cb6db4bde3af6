// Collector and feed states in a trader's words and colours.

import type { CollectorState, CollectorStatus, TaskState, TopicState } from '../../../shared/dto'
import type { TransportState } from '../api/types'
import type { Tone } from '../components/ui'
import type { FeedState } from '../store/selectors'

export const COLLECTOR_TONE: Record<CollectorState, Tone> = {
  connected: 'good',
  connecting: 'info',
  reconnecting: 'warn',
  stale: 'warn',
  stopped: 'muted',
  paused: 'muted'
}

export function collectorTone(c: CollectorStatus): Tone {
  if (c.status === 'stopped' && c.last_error) return 'bad'
  return COLLECTOR_TONE[c.status]
}

export const COLLECTOR_WORDS: Record<CollectorState, string> = {
  connected: 'Connected',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  stale: 'Stale — no data',
  stopped: 'Stopped',
  paused: 'Paused'
}

export const TOPIC_TONE: Record<TopicState, Tone> = {
  subscribed: 'good',
  pending: 'info',
  failed: 'bad',
  timeout: 'warn'
}

export const TASK_TONE: Record<TaskState, Tone> = {
  running: 'good',
  starting: 'info',
  idle: 'muted',
  backoff: 'warn',
  stopped: 'muted',
  failed: 'bad'
}

export const FEED_WORDS: Record<FeedState, { label: string; tone: Tone }> = {
  live: { label: 'Feed live', tone: 'good' },
  degraded: { label: 'Feed degraded', tone: 'warn' },
  down: { label: 'Feed down', tone: 'bad' },
  connecting: { label: 'Connecting', tone: 'info' },
  paused: { label: 'Collection paused', tone: 'muted' },
  idle: { label: 'No collectors', tone: 'muted' }
}

export const TRANSPORT_WORDS: Record<TransportState, { label: string; tone: Tone }> = {
  open: { label: 'Live updates', tone: 'good' },
  connecting: { label: 'Opening event stream', tone: 'info' },
  reconnecting: { label: 'Event stream reconnecting', tone: 'warn' },
  down: { label: 'Event stream down', tone: 'bad' }
}

/** WebSocket close codes a user may meet, in words. */
export function closeWords(code: number): string {
  switch (code) {
    case 1000:
      return 'normal close'
    case 1001:
      return 'server going away'
    case 1006:
      return 'connection lost without a close frame'
    case 1008:
      return 'policy violation'
    case 1011:
      return 'server error'
    case 1012:
      return 'server restarting'
    case 1013:
      return 'try again later'
    default:
      return `code ${code}`
  }
}
