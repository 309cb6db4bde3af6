import { describe, expect, it } from 'vitest'
import type { CollectorStatus, GapRecord, LogEntry, RateSample } from '../../src/shared/dto'
import { createAppStore } from '../../src/renderer/src/store/store'
import { SAMPLE_WINDOW } from '../../src/renderer/src/store/storage-slice'
import { LOG_CAPACITY } from '../../src/renderer/src/store/logs-slice'
import { feedState } from '../../src/renderer/src/store/selectors'
import { loadUiPrefs, persistUiPrefs } from '../../src/renderer/src/store/persist'

function collector(over: Partial<CollectorStatus> = {}): CollectorStatus {
  return {
    name: 'bybit_trades',
    status: 'connected',
    phase: 'streaming',
    is_active: true,
    exchange: 'bybit',
    category: 'spot',
    url: 'ws://127.0.0.1:1/v5/public/spot',
    rest_url: 'http://127.0.0.1:1',
    symbols: ['BTCUSDT'],
    subscriptions: [],
    messages_received: 0,
    trades_processed: 0,
    parse_errors: 0,
    trades_rejected: 0,
    duplicates_dropped: 0,
    last_message_at: null,
    last_trade_at: null,
    last_pong_at: null,
    connected_since: null,
    reconnect_count: 0,
    next_reconnect_at: null,
    last_error: null,
    last_close: null,
    messages_per_s: 0,
    trades_per_s: 0,
    latency: {
      p50_ms: null,
      p99_ms: null,
      p50_beyond_top: false,
      p99_beyond_top: false,
      top_ms: 10_000,
      max_ms: null,
      samples: 0
    },
    open_gaps: 0,
    connect_budget: { used: 1, limit: 50, window_s: 300 },
    proxy: null,
    ...over
  }
}

const sample = (at: number): RateSample => ({
  at,
  trades_per_s: 1,
  messages_per_s: 1,
  latency_p50_ms: 2,
  latency_p99_ms: 9,
  total_trades: at
})

const log = (seq: number, level: LogEntry['level'] = 'INFO', message = `m${seq}`): LogEntry => ({
  seq,
  at: 1_700_000_000_000 + seq,
  level,
  logger: 'bybit_trades',
  message
})

describe('connection slice', () => {
  it('replaces the collector set with each status push and derives the feed state', () => {
    const store = createAppStore()
    store.getState().applyStatuses([collector(), collector({ name: 'bybit_linear' })])
    expect(Object.keys(store.getState().collectors).sort()).toEqual(['bybit_linear', 'bybit_trades'])
    expect(feedState(store.getState().collectors)).toBe('live')

    store.getState().applyStatuses([collector(), collector({ name: 'bybit_linear', status: 'stale' })])
    expect(feedState(store.getState().collectors)).toBe('degraded')

    store.getState().applyStatuses([collector({ status: 'reconnecting', next_reconnect_at: 5 })])
    expect(Object.keys(store.getState().collectors)).toEqual(['bybit_trades'])
    expect(feedState(store.getState().collectors)).toBe('down')

    const failed = { code: 'http_403' as const, message: 'refused', at: 1 }
    store.getState().applyStatuses([collector({ status: 'stopped', last_error: failed })])
    expect(feedState(store.getState().collectors)).toBe('down')
    store.getState().applyStatuses([])
    expect(feedState(store.getState().collectors)).toBe('idle')
  })

  it('records why the engine is unreachable and clears it once it answers', () => {
    const store = createAppStore()
    expect(store.getState().reachability).toBe('unknown')
    store.getState().engineFailed('the engine at http://x is unreachable', 1234)
    expect(store.getState()).toMatchObject({ reachability: 'unreachable', nextSnapshotAt: 1234 })
    store.getState().engineAnswered()
    expect(store.getState()).toMatchObject({ reachability: 'reachable', engineError: null, nextSnapshotAt: null })
    expect(store.getState().ready).toBe(false)
    store.getState().markReady()
    expect(store.getState().ready).toBe(true)
  })
})

describe('storage slice', () => {
  it('keeps the sample window bounded, ordered and free of overlap', () => {
    const store = createAppStore()
    store.getState().setSamples([3, 1, 2].map(sample))
    expect(store.getState().samples.map((s) => s.at)).toEqual([1, 2, 3])
    store.getState().addSample(sample(2)) // overlap after a reconnect: ignored
    expect(store.getState().samples).toHaveLength(3)
    for (let at = 4; at < SAMPLE_WINDOW + 50; at++) store.getState().addSample(sample(at))
    const samples = store.getState().samples
    expect(samples).toHaveLength(SAMPLE_WINDOW)
    expect(samples[samples.length - 1].at).toBe(SAMPLE_WINDOW + 49)
    expect(samples[0].at).toBe(50)
  })
})

describe('logs slice', () => {
  it('appends by sequence, drops repeats and stays bounded', () => {
    const store = createAppStore()
    store.getState().setLogs([log(2), log(1)])
    store.getState().addLogs([log(2), log(3)])
    expect(store.getState().logs.map((e) => e.seq)).toEqual([1, 2, 3])
    const before = store.getState().logs
    store.getState().addLogs([log(1)])
    expect(store.getState().logs).toBe(before) // nothing new: no re-render
    store.getState().addLogs(Array.from({ length: LOG_CAPACITY + 10 }, (_, i) => log(i + 4)))
    expect(store.getState().logs).toHaveLength(LOG_CAPACITY)
    expect(store.getState().logs[LOG_CAPACITY - 1].seq).toBe(LOG_CAPACITY + 13)
  })

  it('toggles a preset on and off', () => {
    const store = createAppStore()
    store.getState().toggleLogPreset('errors')
    expect(store.getState().logPreset).toBe('errors')
    store.getState().toggleLogPreset('connection')
    expect(store.getState().logPreset).toBe('connection')
    store.getState().toggleLogPreset('connection')
    expect(store.getState().logPreset).toBeNull()
  })
})

/** localStorage's two calls the store uses, over a Map the test can read and spoil. */
function memoryStorage(): { data: Map<string, string>; storage: Storage } {
  const data = new Map<string, string>()
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v)
  } as Storage
  return { data, storage }
}

describe('ui slice', () => {
  it('defaults to the dark theme and an unpaused, unfiltered tape', () => {
    const s = createAppStore().getState()
    expect(s.theme).toBe('dark')
    expect(s.tapePaused).toBe(false)
    expect(s.tapePrefs).toMatchObject({ symbol: null, minSize: 0, grouping: false })
  })

  it('persists the last view, and ignores a view that does not exist', () => {
    const { data, storage } = memoryStorage()
    const store = createAppStore(loadUiPrefs(storage))
    expect(store.getState().view).toBe('connection')
    const stop = persistUiPrefs(store, storage)
    store.getState().setView('checklist')
    stop()
    expect(createAppStore(loadUiPrefs(storage)).getState().view).toBe('checklist')
    data.set('mdm.ui.v1', '{"view":"admin"}')
    expect(createAppStore(loadUiPrefs(storage)).getState().view).toBe('connection')
  })

  it('persists theme and tape preferences, and ignores garbage on load', () => {
    const { data, storage } = memoryStorage()
    const store = createAppStore(loadUiPrefs(storage))
    const stop = persistUiPrefs(store, storage)
    store.getState().toggleTheme()
    store.getState().setTapePrefs({ symbol: 'ETHUSDT', minSize: 0.5 })
    store.getState().toggleTapePaused() // not persisted
    stop()
    const again = createAppStore(loadUiPrefs(storage)).getState()
    expect(again.theme).toBe('light')
    expect(again.tapePrefs).toMatchObject({ symbol: 'ETHUSDT', minSize: 0.5 })
    expect(again.tapePaused).toBe(false)

    data.set('mdm.ui.v1', '{"theme":"neon","tapePrefs":{"minSize":-3}}')
    const cleaned = createAppStore(loadUiPrefs(storage)).getState()
    expect(cleaned.theme).toBe('dark')
    expect(cleaned.tapePrefs.minSize).toBe(0)
    data.set('mdm.ui.v1', 'not json')
    expect(loadUiPrefs(storage)).toEqual({})
  })
})

describe('gaps and dropped-event notices', () => {
  const gap = (id: number, over: Partial<GapRecord> = {}): GapRecord => ({
    id,
    collector: 'bybit_trades',
    symbol: 'BTCUSDT',
    from: 1000 * id,
    to: null,
    cause: 'disconnect',
    backfill: 'pending',
    recovered: 0,
    unrecovered: null,
    detail: null,
    ...over
  })

  it('keeps the gap list newest first and its identity while nothing changed', () => {
    const store = createAppStore()
    store.getState().setGaps([gap(1), gap(2)], 10)
    const first = store.getState().gaps
    expect(first.map((g) => g.id)).toEqual([2, 1])
    store.getState().setGaps([gap(2), gap(1)], 20)
    expect(store.getState().gaps, 'an unchanged poll re-renders nothing').toBe(first)
    expect(store.getState().gapsAt).toBe(20)
    store.getState().setGaps([gap(1), gap(2, { to: 5000, backfill: 'complete', recovered: 4, unrecovered: 0 })], 30)
    expect(store.getState().gaps).not.toBe(first)
    expect(store.getState().gaps[0]).toMatchObject({ id: 2, backfill: 'complete', recovered: 4 })
  })

  it('adds up dropped-event notices until dismissed', () => {
    const store = createAppStore()
    store.getState().noteDropped(3, 100)
    store.getState().noteDropped(2, 200)
    expect(store.getState().streamDropped).toEqual({ total: 5, at: 200 })
    store.getState().dismissDropped()
    expect(store.getState().streamDropped).toBeNull()
  })
})
