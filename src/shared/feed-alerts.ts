// Decides when the feed has been down or silent long enough to tell the user, from the engine's
// `status` events. Plain code shared by the desktop (notifications) and the renderer (sound alerts).

import type { CollectorStatus } from './dto'

export interface FeedAlert {
  kind: 'down' | 'recovered'
  collector: string
  title: string
  body: string
}

interface Tracked {
  status: CollectorStatus
  /** When the current trouble began (first seen down, or the last message of a silent feed). */
  troubleSince: number | null
  alerted: boolean
}

type Trouble = { since: number; words: string } | null

/** One alert per outage (and one when it ends), never one per status event. */
export class FeedAlerts {
  private readonly collectors = new Map<string, Tracked>()

  constructor(private thresholdMs: number) {}

  setThreshold(thresholdMs: number): void {
    this.thresholdMs = thresholdMs
  }

  /** Feeds the latest statuses; returns the alerts due now. */
  observe(statuses: readonly CollectorStatus[], now: number): FeedAlert[] {
    const seen = new Set<string>()
    for (const status of statuses) {
      seen.add(status.name)
      const tracked = this.collectors.get(status.name)
      if (tracked) tracked.status = status
      else this.collectors.set(status.name, { status, troubleSince: null, alerted: false })
    }
    for (const name of this.collectors.keys()) if (!seen.has(name)) this.collectors.delete(name)
    return this.check(now)
  }

  /** Re-evaluates with the clock alone: a feed goes silent without any new status event. */
  check(now: number): FeedAlert[] {
    const alerts: FeedAlert[] = []
    for (const tracked of this.collectors.values()) {
      const trouble = this.troubleOf(tracked, now)
      if (trouble === null) {
        if (tracked.alerted) alerts.push(recovered(tracked.status))
        tracked.troubleSince = null
        tracked.alerted = false
        continue
      }
      tracked.troubleSince = trouble.since
      if (!tracked.alerted && now - trouble.since >= this.thresholdMs) {
        tracked.alerted = true
        alerts.push(down(tracked.status, trouble.words, now - trouble.since))
      }
    }
    return alerts
  }

  private troubleOf(tracked: Tracked, now: number): Trouble {
    const s = tracked.status
    // A stopped or paused collector was stopped on purpose (settings, quit, Pause): nothing to warn about.
    if (s.status === 'stopped' || s.status === 'paused') return null
    if (s.status !== 'connected') return { since: tracked.troubleSince ?? now, words: s.status }
    const last = s.last_message_at ?? s.connected_since
    if (last !== null && now - last >= this.thresholdMs) return { since: last, words: 'silent (no messages)' }
    return null
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`
}

function down(s: CollectorStatus, words: string, forMs: number): FeedAlert {
  const why = s.last_error ? ` Last error: ${s.last_error.message}` : ''
  return {
    kind: 'down',
    collector: s.name,
    title: `Market data feed ${words === 'silent (no messages)' ? 'silent' : 'down'}: ${s.name}`,
    body: `${s.category} ${s.symbols.join(', ')} has been ${words} for ${seconds(forMs)}.${why}`
  }
}

function recovered(s: CollectorStatus): FeedAlert {
  return {
    kind: 'recovered',
    collector: s.name,
    title: `Market data feed back: ${s.name}`,
    body: `${s.category} ${s.symbols.join(', ')} is receiving data again.`
  }
}
