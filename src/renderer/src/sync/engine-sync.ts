// Keeps the store (and the tape) in step with the engine: subscribe first so nothing is missed,
// then load a snapshot; retry while the engine is unreachable; reload after the stream recovers.
// Gaps and health are pushed when they change, like status; the snapshot loads them on connect.

import type { GapRecord, LogEntry, TradeDto } from '../../../shared/dto'
import type { MonitorApi, TransportState } from '../api/types'
import type { AppStore } from '../store/store'
import type { TapeModel } from '../tape/tape-model'
import { errorMessage } from '../../../shared/guards'

export interface SyncOptions {
  retryMs?: number
  /** Liveness probe: a failing health request marks the engine unreachable (health itself is pushed). */
  healthMs?: number
  /** Log entries arrive in bursts; the list re-renders at most this often. */
  logFlushMs?: number
  now?: () => number
}

export interface SyncHandle {
  /** Reload everything now (e.g. the user pressed "Retry"). */
  refresh(): Promise<void>
  stop(): void
}

const SNAPSHOT_LOGS = 1000
const SNAPSHOT_TRADES = 1000

function describe(err: unknown): string {
  return errorMessage(err)
}

export function startSync(api: MonitorApi, store: AppStore, tape: TapeModel, opts: SyncOptions = {}): SyncHandle {
  const retryMs = opts.retryMs ?? 2000
  const healthMs = opts.healthMs ?? 2000
  const logFlushMs = opts.logFlushMs ?? 250
  const now = opts.now ?? Date.now
  const s = store.getState
  let stopped = false
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let logTimer: ReturnType<typeof setTimeout> | null = null
  let pendingLogs: LogEntry[] = []
  let loading: Promise<void> | null = null

  const flushLogs = (): void => {
    logTimer = null
    const batch = pendingLogs
    pendingLogs = []
    if (batch.length) s().addLogs(batch)
  }

  // trades seeded from the snapshot may come again in live batches already in flight: drop those
  let seeded: Set<string> | null = null
  const tradeKey = (t: TradeDto): string => `${t.category}:${t.symbol}:${t.trade_id}`
  const onTrades = (batch: TradeDto[]): void => {
    const at = performance.now()
    if (seeded) {
      const fresh = batch.filter((t) => !seeded!.has(tradeKey(t)))
      if (fresh.length === batch.length) seeded = null
      tape.enqueue(fresh, at)
      return
    }
    tape.enqueue(batch, at)
  }

  const applyGaps = (gaps: readonly GapRecord[]): void => {
    s().setGaps(gaps, now())
    tape.applyGaps(gaps)
  }

  const unsubs = [
    api.subscribe('trades', onTrades),
    api.subscribe('status', (list) => s().applyStatuses(list)),
    api.subscribe('gaps', (res) => applyGaps(res.gaps)),
    api.subscribe('health', (health) => s().setHealth(health)),
    api.subscribe('stats', (stats) => s().applyStats(stats)),
    api.subscribe('sample', (sample) => s().addSample(sample)),
    api.subscribe('mirror', (mirror) => s().setMirror(mirror)),
    api.subscribe('log', (entries) => {
      pendingLogs.push(...entries)
      logTimer ??= setTimeout(flushLogs, logFlushMs)
    }),
    api.watchDropped((count) => s().noteDropped(count, now()))
  ]

  async function loadSnapshot(): Promise<void> {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    try {
      const [settings, collectors, stats, samples, logs, runtime, health, trades, gaps] = await Promise.all([
        api.getSettings(),
        api.getCollectorsStatus(),
        api.getStorageStats(),
        api.getSamples(),
        api.getLogs({ limit: SNAPSHOT_LOGS }),
        api.getRuntime(),
        api.getHealth(),
        api.getTrades({ limit: SNAPSHOT_TRADES }),
        api.getGaps()
      ])
      if (stopped) return
      const st = s()
      st.setSettings(settings)
      st.applyStatuses(Object.values(collectors))
      st.applyStats(stats)
      st.setSamples(samples.samples)
      st.setLogs(logs.entries)
      st.setRuntime(runtime)
      st.setHealth(health)
      st.engineAnswered()
      // seed the tape with recent history, oldest first, unless live batches already filled it
      tape.drain()
      if (tape.received === 0 && trades.trades.length > 0) {
        seeded = new Set(trades.trades.map(tradeKey))
        tape.push([...trades.trades].reverse())
      }
      applyGaps(gaps.gaps)
      st.markReady()
    } catch (err) {
      if (stopped) return
      s().engineFailed(describe(err), now() + retryMs)
      retryTimer = setTimeout(() => void refresh(), retryMs)
    }
  }

  function refresh(): Promise<void> {
    loading ??= loadSnapshot().finally(() => {
      loading = null
    })
    return loading
  }

  let lastTransport: TransportState = 'connecting'
  unsubs.push(
    api.watchTransport((state) => {
      s().setTransport(state)
      // pushes were missed while the stream was away: the snapshot catches up
      if (state === 'open' && lastTransport !== 'open' && lastTransport !== 'connecting') void refresh()
      lastTransport = state
    })
  )

  function pollHealth(): void {
    if (stopped || s().reachability !== 'reachable') return
    api.getHealth().then(
      (h) => {
        if (!stopped) s().setHealth(h)
      },
      (err: unknown) => {
        if (stopped) return
        s().engineFailed(describe(err), now() + retryMs)
        void refresh()
      }
    )
  }
  const healthTimer = setInterval(pollHealth, healthMs)

  void refresh()

  return {
    refresh,
    stop(): void {
      stopped = true
      for (const u of unsubs) u()
      clearInterval(healthTimer)
      if (retryTimer) clearTimeout(retryTimer)
      if (logTimer) clearTimeout(logTimer)
    }
  }
}
