// Our engine as a bench client, in its own process: the real collector (socket, parse, validate,
// Trade, de-dup, store) fed by the simulator. It watches the storage accounting through the
// public API (`getStorageStats`), never reaching into the hot path it measures.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createEngine, type Engine } from '../../src/main/core/engine'
import { forwardConfig } from '../../src/main/core/forward/forward-config'
import { createMirrorToken, startMirror } from '../../src/main/http/index'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings'
import {
  childConfig,
  fail,
  onClose,
  toParent,
  type EngineChildConfig,
  type IngestResult,
  type MemorySample,
  type PersistFigures
} from '../messages'
import { percentile } from '../stats'

const POLL_MS = 5
/** monitorEventLoopDelay records whole timer intervals: the delay is what exceeds this. */
const LOOP_RESOLUTION_MS = 2
const MB = 1024 * 1024

const cfg = childConfig<EngineChildConfig>()

export function engineSettings(c: EngineChildConfig): Settings {
  return {
    ...DEFAULT_SETTINGS,
    category: 'linear',
    symbols: c.symbols,
    wsUrl: c.wsUrl,
    restUrl: c.restUrl,
    mirror: { ...DEFAULT_SETTINGS.mirror, enabled: false },
    maxTradesPerSymbol: c.maxTradesPerSymbol,
    recordFile: null,
    notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false },
    persist: { ...DEFAULT_SETTINGS.persist, enabled: c.dataDir !== undefined }
  }
}

/** The write queue's lag now (0 without a data dir). */
function persistLag(engine: Engine): number {
  return engine.handlers.getStorageStats().persist?.lag_ms ?? 0
}

/** Once the feed is in: the queue drained, the file closed (checkpointed), its bytes per row. */
async function persistFigures(engine: Engine, dataDir: string, lags: number[]): Promise<PersistFigures> {
  const drained = (): boolean => engine.handlers.getStorageStats().persist?.queue_depth === 0
  const deadline = performance.now() + 120_000
  await poll(() => drained() || performance.now() > deadline)
  const p = engine.handlers.getStorageStats().persist
  await engine.stop()
  const file = join(dataDir, 'trades.duckdb')
  const bytes = [file, `${file}.wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0)
  const rows = p?.rows_on_disk ?? 0
  return {
    rows,
    notPersisted: p?.not_persisted ?? 0,
    diskBytesPerTrade: rows > 0 ? bytes / rows : null,
    lagP99Ms: percentile(lags, 99)
  }
}

/** Trades the storage has accounted for (stored, evicted, duplicate or rejected). */
function received(engine: Engine): number {
  return engine.handlers.getStorageStats().accounting.received
}

function poll(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer)
        resolve()
      }
    }, POLL_MS)
  })
}

/** Feeds the whole recorded feed; optionally samples memory after a forced GC along the way. */
async function ingest(
  engine: Engine,
  sampleEvery: number | null
): Promise<{ result: IngestResult; samples: MemorySample[] }> {
  const samples: MemorySample[] = []
  const gc = (globalThis as { gc?: () => void }).gc
  if (sampleEvery !== null && !gc) throw new Error('memory mode needs node --expose-gc')
  let firstAt = 0
  let cpuAtFirst: NodeJS.CpuUsage | null = null
  let lastAt = 0
  let lastCount = 0
  let nextSample = sampleEvery ?? Infinity
  let complete = false
  const lags: number[] = []
  await poll(() => {
    const n = received(engine)
    if (cfg.dataDir !== undefined && n > 0) lags.push(persistLag(engine))
    const now = performance.now()
    if (n > 0 && firstAt === 0) {
      firstAt = now
      cpuAtFirst = process.cpuUsage()
    }
    if (n > lastCount) {
      lastCount = n
      lastAt = now
    }
    if (n >= nextSample && gc) {
      gc()
      const m = process.memoryUsage()
      const stats = engine.handlers.getStorageStats()
      samples.push({ received: n, stored: stats.total_trades, heapUsedMb: m.heapUsed / MB, rssMb: m.rss / MB })
      nextSample = (Math.floor(n / (sampleEvery ?? 1)) + 1) * (sampleEvery ?? 1)
    }
    complete = n >= cfg.expectTrades
    return complete || (n > 0 && now - lastAt > cfg.idleMs)
  })
  const cpu = cpuAtFirst ? process.cpuUsage(cpuAtFirst) : null
  const elapsedMs = lastAt - firstAt
  const status = engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
  const persist = cfg.dataDir === undefined ? undefined : await persistFigures(engine, cfg.dataDir, lags)
  return {
    samples,
    result: {
      ...(persist ? { persist } : {}),
      trades: lastCount,
      frames: status.messages_received,
      elapsedMs,
      tradesPerS: elapsedMs > 0 ? (lastCount / elapsedMs) * 1000 : 0,
      complete,
      cpuPct: cpu && elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / (performance.now() - firstAt)) * 100 : null
    }
  }
}

/** Live generated trades at a fixed rate: event-loop delay and exchange→stored latency. */
async function rate(engine: Engine): Promise<void> {
  const latencies: number[] = []
  // The UI path: trade batches as the engine publishes them (capped per batch; a sample of all).
  const unsubscribe = engine.subscribe('trades', (batch) => {
    for (const t of batch) latencies.push(t.received_at - t.timestamp)
  })
  await poll(() => received(engine) > 0)
  // Let the socket, JIT and first GCs settle before measuring.
  await new Promise((r) => setTimeout(r, Math.min(1000, (cfg.durationMs ?? 5000) / 5)))
  latencies.length = 0
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  const start = received(engine)
  const t0 = performance.now()
  loop.enable()
  const lags: number[] = []
  const lagTimer = cfg.dataDir === undefined ? null : setInterval(() => lags.push(persistLag(engine)), 20)
  await new Promise((r) => setTimeout(r, cfg.durationMs ?? 5000))
  if (lagTimer) clearInterval(lagTimer)
  loop.disable()
  unsubscribe()
  const trades = received(engine) - start
  const lat = engine.handlers.getCollectorStatus({ name: 'bybit_trades' }).latency
  const ms = (ns: number): number | null =>
    Number.isFinite(ns) && ns > 0 ? Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) : null
  toParent({
    type: 'rate',
    result: {
      trades,
      elapsedMs: performance.now() - t0,
      loopDelayP50Ms: ms(loop.percentile(50)),
      loopDelayP99Ms: ms(loop.percentile(99)),
      loopDelayMaxMs: ms(loop.max),
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencySamples: latencies.length,
      engineLatencyP50Ms: lat.p50_ms,
      engineLatencyP99Ms: lat.p99_ms,
      ...(lagTimer ? { persistLagP99Ms: percentile(lags, 99) } : {})
    }
  })
}

async function main(): Promise<void> {
  const publish = cfg.publish ? forwardConfig(cfg.publish, { outboxCapacity: 2_000_000 }) : null
  const engine = createEngine(engineSettings(cfg), {
    mode: 'headless',
    stdoutLog: false,
    persist: cfg.dataDir === undefined ? undefined : { dataDir: cfg.dataDir },
    publish
  })
  let mirrorClose: (() => Promise<void>) | null = null
  onClose(async () => {
    if (mirrorClose) await mirrorClose()
    await engine.stop()
  })
  await engine.start()
  if (cfg.mode === 'ingest') {
    const { result } = await ingest(engine, null)
    toParent({ type: 'ingest', result })
  } else if (cfg.mode === 'memory') {
    const { result, samples } = await ingest(engine, cfg.sampleEvery ?? 250_000)
    toParent({ type: 'memory', result, samples })
  } else if (cfg.mode === 'rate') {
    await rate(engine)
  } else if (cfg.mode === 'mirror') {
    // Browser mode: the mirror serves the built renderer and streams events to it.
    const mirror = await startMirror(engine, {
      host: '127.0.0.1',
      port: cfg.mirrorPort ?? 0,
      token: createMirrorToken(),
      staticDir: join(__dirname, '..', '..', 'out', 'renderer')
    })
    mirrorClose = () => mirror.close()
    if (mirror.url === null) throw new Error(mirror.status.error ?? 'the mirror did not start')
    toParent({ type: 'mirror', url: mirror.url })
  } else throw new Error(`engine child: unknown mode ${cfg.mode}`)
}

main().catch(fail)
