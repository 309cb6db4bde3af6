// The feed's overall state in one word, from the collectors' statuses: the renderer's top bar and
// the desktop tray icon both show it.

import type { CollectorStatus } from './dto'

/** The worst collector state wins; `paused` when the user paused collection. */
export type FeedState = 'live' | 'degraded' | 'down' | 'connecting' | 'paused' | 'idle'

export function feedState(collectors: Record<string, CollectorStatus>): FeedState {
  const list = Object.values(collectors)
  if (list.length === 0) return 'idle'
  if (list.some((c) => c.status === 'paused')) return 'paused'
  if (list.every((c) => c.status === 'connected')) return 'live'
  if (list.some((c) => c.status === 'stopped' && c.last_error !== null)) return 'down'
  // No collector delivering: nothing flows, whatever the reason ("degraded" would understate it).
  if (list.every((c) => c.status === 'reconnecting' || c.status === 'stopped')) return 'down'
  if (list.some((c) => c.status === 'reconnecting' || c.status === 'stale')) return 'degraded'
  if (list.some((c) => c.status === 'connecting')) return 'connecting'
  return 'idle'
}
