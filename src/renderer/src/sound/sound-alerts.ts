// Sound alerts, wired to the engine's events: large trades (the tape's highlight threshold) and
// feed down / back (the desktop notifications' rule and threshold). Off until the user opts in.

import type { CollectorStatus, TradeDto } from '../../../shared/dto'
import { FeedAlerts } from '../../../shared/feed-alerts'
import type { MonitorApi } from '../api/types'
import type { AppStore } from '../store/store'
import { notionalOf } from '../tape/tape-model'
import type { ToneOutput } from './audio-out'
import { TonePlanner, type Tone } from './tone-plan'

const FEED_CHECK_MS = 1000

export interface SoundAlertsHandle {
  stop(): void
}

export function startSoundAlerts(
  api: MonitorApi,
  store: AppStore,
  out: ToneOutput,
  planner = new TonePlanner(),
  now: () => number = Date.now
): SoundAlertsHandle {
  const s = store.getState
  const thresholdMs = (): number => (s().settings?.notifications.downThresholdS ?? 30) * 1000
  const feed = new FeedAlerts(thresholdMs())

  /** Plays `tones` and publishes the planner's counters; `last` names what sounded. */
  const sound = (tones: Tone[], last: () => string): void => {
    if (tones.length > 0) out.play(tones, s().soundPrefs.volume)
    const stats = s().soundStats
    if (stats.played === planner.played && stats.folded === planner.folded) return
    s().setSoundStats({ played: planner.played, folded: planner.folded, last: tones.length > 0 ? last() : stats.last })
  }

  // Tones are planned and counted only while they can be heard: a suspended context or a muted
  // volume would swallow them, and the panel would count tones nobody heard.
  const audible = (): boolean => out.state === 'running' && s().soundPrefs.volume > 0

  const onTrades = (batch: TradeDto[]): void => {
    const threshold = s().tapePrefs.largeNotional
    if (!s().soundPrefs.enabled || !(threshold > 0) || !audible()) return
    // a float is fine for loudness and pitch; the tape shows the exact string
    const trades = batch.map((t) => ({ side: t.side, notional: Number(notionalOf(t)) }))
    sound(planner.forTrades(trades, threshold, now()), () => {
      const big = trades.filter((t) => t.notional >= threshold)
      const first = big[0]
      return big.length === 1
        ? `${first.side} ${Math.round(first.notional).toLocaleString()}`
        : `${big.length} large trades`
    })
  }

  const onFeed = (alerts: ReturnType<FeedAlerts['check']>): void => {
    const prefs = s().soundPrefs
    for (const alert of alerts) {
      if (!prefs.enabled || !prefs.feed || !audible()) continue
      sound(planner.forFeed(alert.kind, now()), () => alert.title)
    }
  }

  const onStatus = (list: CollectorStatus[]): void => {
    feed.setThreshold(thresholdMs())
    onFeed(feed.observe(list, now()))
  }

  const timer = setInterval(() => onFeed(feed.check(now())), FEED_CHECK_MS)
  const unsubs = [api.subscribe('trades', onTrades), api.subscribe('status', onStatus)]
  return {
    stop(): void {
      clearInterval(timer)
      for (const u of unsubs) u()
    }
  }
}
