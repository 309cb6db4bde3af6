import { ApiError, type CallName, type CallRequest, type CallResponse } from '../../shared/contract'
import type {
  ActionResult,
  DiagnosticsReport,
  MirrorStatus,
  ProcessMetric,
  RateSample,
  StorageDebug,
  TradeDto
} from '../../shared/dto'
import { effectiveRestUrl, effectiveWsUrl, type Settings, type SettingsPatch } from '../../shared/settings'
import { applySettingsPatch } from '../../shared/validate'
import type { TaskHandle } from './engine-facade'
import { ChecklistService } from './checklist/checklist-service'
import { GapTracker } from './collector/gaps'
import { DEFAULT_TIMINGS, type CollectorTimings } from './collector/timings'
import { checkMirrorPort } from './diagnostics/mirror-port'
import { runNetworkDiagnostics } from './diagnostics/network-diagnostics'
import type { EngineFacade } from './engine-facade'
import { EventHub } from './events'
import { assessHealth } from './health'
import { NamedLog, RingLog } from './log/engine-log'
import { CollectorManager, type CollectorSpec } from './manager'
import { renderMetrics } from './metrics/prometheus'
import { DEFAULT_INTERVALS, EventPublisher, type PublisherIntervals } from './publisher'
import { FrameRecorder } from './recorder'
import { buildMarkdownReport } from './report/markdown-report'
import { ResourceMonitor } from './resources/resource-monitor'
import { TradeStorage, type StorageOptions } from './storage/trade-storage'
import { TaskRegistry } from './tasks'

export const COLLECTOR_NAME = 'bybit_trades'

export interface EngineOptions {
  mode?: 'electron' | 'headless'
  version?: string
  /** Print log lines to stdout (headless CLI). Default false (tests, Electron). */
  stdoutLog?: boolean
  /** Lowest level printed to stdout (`--log-level`); the ring keeps every level. Default info. */
  logLevel?: 'debug' | 'info' | 'warning' | 'error'
  logCapacity?: number
  /** Collector time constants; tests shorten heartbeat, timeouts and backoff here. */
  timings?: Partial<CollectorTimings>
  /** Event cadences (trades ≥ 50 ms). */
  intervals?: Partial<PublisherIntervals>
  /** Most trades per `trades` event; the rest are counted (`mdm_event_trades_dropped_total`). */
  maxTradesPerBatch?: number
  /** Storage housekeeping cadence. Default 30 s. */
  cleanupIntervalMs?: number
  rawFrames?: StorageOptions['rawFrames']
  /** Backoff jitter source (tests pin it). */
  random?: () => number
  /** Resource sampling cadence for the live charts. Default 2 s. */
  resourceIntervalMs?: number
  /** Per-process metrics from the host (Electron: `app.getAppMetrics()`), shown beside this process's. */
  processMetrics?: () => ProcessMetric[]
}

type AsyncCall =
  | 'updateSettings'
  | 'restartCollector'
  | 'getChecklist'
  | 'runDiagnostics'
  | 'getReport'
  | 'restartEngine'
  | 'checkMirrorPort'
/** The contract's handlers with their exact result types: everything but these answers synchronously. */
export type EngineHandlers = { [K in Exclude<CallName, AsyncCall>]: (req: CallRequest<K>) => CallResponse<K> } & {
  [K in AsyncCall]: (req: CallRequest<K>) => Promise<CallResponse<K>>
}

export interface Engine extends EngineFacade {
  readonly handlers: EngineHandlers
  /** The manager's single storage instance (tests, checklist, fault hook `storage.injectFault`). */
  readonly storage: TradeStorage
  readonly manager: CollectorManager
  readonly gaps: GapTracker
  readonly log: RingLog
  /** After sleep/resume: every collector pings now and reconnects unless a pong comes back quickly. */
  onResume(): void
  settings(): Settings
}

const SAMPLES_KEPT = 600

export function createEngine(initial: Settings, opts: EngineOptions = {}): Engine {
  const startedAt = Date.now()
  const timings: CollectorTimings = { ...DEFAULT_TIMINGS, ...opts.timings }
  const intervals: PublisherIntervals = { ...DEFAULT_INTERVALS, ...opts.intervals }
  const log = new RingLog({ capacity: opts.logCapacity ?? 5000, stdout: opts.stdoutLog ?? false })
  const engineLog = new NamedLog(log, 'engine')
  const tasks = new TaskRegistry()
  const hub = new EventHub((event, e) => engineLog.error(`Listener of ${event} failed: ${e.message}`, 'listener_error'))
  let settings: Settings = structuredClone(initial)
  const storage = new TradeStorage({ maxTradesPerSymbol: settings.maxTradesPerSymbol, rawFrames: opts.rawFrames })
  const gaps = new GapTracker()
  const manager = new CollectorManager(storage, gaps, log)
  const samples: RateSample[] = []
  let mirror: MirrorStatus = {
    state: 'off',
    host: settings.mirror.host,
    port: settings.mirror.port,
    url: null,
    error: null
  }
  let recorder: FrameRecorder | null = null
  let started = false
  let stopped = false
  let cleanupTimer: NodeJS.Timeout | null = null
  let cleanupTask: TaskHandle | null = null
  let publisher: EventPublisher | null = null
  let unhookLog: (() => void) | null = null
  let settingsChain: Promise<unknown> = Promise.resolve()
  const resources = new ResourceMonitor({ intervalMs: opts.resourceIntervalMs, processMetrics: opts.processMetrics })
  const checklist = new ChecklistService({
    manager,
    storage,
    log,
    running: () => started && !stopped,
    mirror: () => mirror
  })
  let lastDiagnostics: DiagnosticsReport | null = null
  let restarting: Promise<ActionResult> | null = null

  manager.onEach((c) => c.on('trade', (t) => publisher?.pushTrade(t)).on('frame', (text) => recorder?.write(text)))

  const specFor = (s: Settings): CollectorSpec => ({
    name: COLLECTOR_NAME,
    category: s.category,
    url: effectiveWsUrl(s),
    restUrl: effectiveRestUrl(s),
    symbols: s.symbols,
    log,
    tasks,
    timings,
    random: opts.random
  })

  const openRecorder = (file: string | null): void => {
    if (file === null) return
    recorder = new FrameRecorder(file, engineLog)
    engineLog.info(`Recording raw frames to ${file}`)
  }

  const closeRecorder = async (): Promise<void> => {
    const r = recorder
    recorder = null
    if (r) await r.close()
  }

  manager.configure([specFor(settings)])

  const sample = (): RateSample => {
    const now = Date.now()
    let tps = 0
    let mps = 0
    for (const c of manager.all()) {
      c.sampleRates(now)
      const st = c.status()
      tps += st.trades_per_s
      mps += st.messages_per_s
    }
    const first = manager.all()[0]
    const lat = first ? first.counters.latency.summary() : { p50_ms: null, p99_ms: null }
    const s: RateSample = {
      at: now,
      trades_per_s: Math.round(tps * 100) / 100,
      messages_per_s: Math.round(mps * 100) / 100,
      latency_p50_ms: lat.p50_ms,
      latency_p99_ms: lat.p99_ms,
      total_trades: storage.totalTrades
    }
    samples.push(s)
    if (samples.length > SAMPLES_KEPT) samples.shift()
    return s
  }

  const collectorOr404 = (name: string) => {
    const c = manager.get(name)
    if (!c)
      throw new ApiError(
        'not_found',
        `no collector named ${JSON.stringify(name)}; known: ${manager
          .all()
          .map((x) => x.name)
          .join(', ')}`
      )
    return c
  }

  const applySettings = async (patch: SettingsPatch): Promise<Settings> => {
    const before = settings
    const next = applySettingsPatch(before, patch)
    settings = next
    const changed: string[] = Object.keys(patch)
    const collectorKeys = ['category', 'symbols', 'wsUrl', 'restUrl', 'testnet'] as const
    const restart = collectorKeys.some((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
    if (next.maxTradesPerSymbol !== before.maxTradesPerSymbol) {
      storage.resize(next.maxTradesPerSymbol)
      engineLog.info(`Storage limit set to ${next.maxTradesPerSymbol} trades per symbol`)
    }
    if (next.recordFile !== before.recordFile) {
      await closeRecorder()
      if (started && !stopped) openRecorder(next.recordFile)
    }
    if (restart) {
      engineLog.info(`Settings changed (${changed.join(', ')}): restarting collectors`)
      const running = started && !stopped
      if (running) await manager.stopAll('restart')
      manager.configure([specFor(next)])
      if (running) manager.startAll()
    } else if (changed.length > 0) engineLog.info(`Settings changed (${changed.join(', ')})`)
    return structuredClone(settings)
  }

  const handlers: EngineHandlers = {
    getHealth: () =>
      assessHealth(
        started && !stopped,
        startedAt,
        Date.now(),
        manager.statuses(),
        storage.stats(),
        storage.errors().count
      ),
    getCollectorsStatus: () => manager.statuses(),
    getCollectorStatus: ({ name }) => collectorOr404(name).status(),
    getStorageStats: () => storage.stats(),
    getTrades: ({ limit, symbol }) => {
      const trades = storage.query(limit, symbol).map((t) => t.toDto())
      return { count: trades.length, trades }
    },
    getGaps: () => {
      const list = gaps.list()
      return { count: list.length, gaps: list }
    },
    getTasks: () => tasks.snapshot(),
    getStorageDebug: (): StorageDebug => {
      const errors = storage.errors()
      return {
        manager_storage_id: storage.id,
        storage_class: storage.className,
        symbols: storage.symbolDebug(),
        raw_frames: storage.rawFrameStats(),
        last_cleanup_at: storage.lastCleanup,
        storage_errors: errors.count,
        last_storage_error: errors.last,
        ...manager.storageRefs()
      }
    },
    getLogs: ({ limit, level }) => {
      const entries = log.recent(limit, level)
      return { count: entries.length, entries }
    },
    getSamples: () => ({ count: samples.length, samples: [...samples] }),
    getRuntime: () => ({
      app: 'market-data-monitor',
      version: opts.version ?? '0.1.0',
      mode: opts.mode ?? 'headless',
      started_at: startedAt,
      node: process.version,
      mirror: { ...mirror }
    }),
    getSettings: () => structuredClone(settings),
    updateSettings: (patch) => {
      const run = settingsChain.then(() => applySettings(patch))
      settingsChain = run.catch(() => undefined)
      return run
    },
    reconnectCollector: ({ name }) => {
      const c = collectorOr404(name)
      if (!started || stopped) return { ok: false, message: 'the engine is not running' }
      c.reconnectNow('requested by the user')
      return { ok: true, message: `Collector ${name}: reconnecting now` }
    },
    restartCollector: async ({ name }) => {
      collectorOr404(name)
      if (!started || stopped) return { ok: false, message: 'the engine is not running' }
      engineLog.info(`Restarting collector ${name} on request`)
      await manager.restart(name)
      return { ok: true, message: `Collector ${name} restarted` }
    },
    clearStorage: () => {
      const n = storage.clear()
      engineLog.info(`Storage cleared: ${n} trades removed (counted as cleared)`)
      return { ok: true, message: `Cleared ${n} trades` }
    },
    getChecklist: () => checklist.evaluate(),
    runDiagnostics: async () => {
      const url = effectiveWsUrl(settings)
      engineLog.info(`Network diagnostics for ${url} started`)
      const report = await runNetworkDiagnostics({ url, symbol: settings.symbols[0] ?? 'BTCUSDT' })
      lastDiagnostics = report
      const failed = report.steps.find((s) => s.status === 'fail')
      if (failed)
        engineLog.warning(`Network diagnostics: ${failed.title} failed: ${failed.verdict}`, 'diagnostics_failed')
      else engineLog.info(`Network diagnostics: every step passed for ${url}`)
      return report
    },
    getResources: () => resources.snapshot(),
    getReport: async () => {
      const generatedAt = Date.now()
      const markdown = buildMarkdownReport({
        generatedAt,
        runtime: handlers.getRuntime(),
        settings,
        health: handlers.getHealth(),
        checklist: await checklist.evaluate(),
        collectors: Object.values(manager.statuses()),
        stats: storage.stats(),
        diagnostics: lastDiagnostics,
        resources: resources.snapshot().current,
        logs: log.recent(50)
      })
      return { generated_at: generatedAt, markdown }
    },
    restartEngine: () => {
      // Stop + start everything with the same settings; collectors are built afresh, storage is kept.
      restarting ??= (async () => {
        engineLog.info('Full engine restart requested: stopping everything (settings and stored trades kept)')
        await engine.stop()
        manager.configure([specFor(settings)])
        started = false
        stopped = false
        await engine.start()
        engineLog.info('Engine restarted')
        return { ok: true, message: 'Engine restarted: collectors reconnecting with the same settings' }
      })().finally(() => (restarting = null))
      return restarting
    },
    checkMirrorPort: async ({ port }) => {
      const target = port ?? (mirror.state === 'listening' ? mirror.port : settings.mirror.port)
      const result = await checkMirrorPort({
        host: settings.mirror.host === 'localhost' ? '127.0.0.1' : settings.mirror.host,
        port: target,
        mirror
      })
      engineLog.info(`Mirror port check: ${result.message}${result.ok ? '' : ` ${result.detail}`}`)
      return result
    }
  }

  const engine: Engine = {
    handlers,
    logger: log,
    log,
    tasks,
    storage,
    manager,
    gaps,
    subscribe: (event, listener) => hub.subscribe(event, listener),
    settings: () => structuredClone(settings),

    async start(): Promise<void> {
      if (started) return
      started = true
      openRecorder(settings.recordFile)
      publisher = new EventPublisher(
        hub,
        intervals,
        opts.maxTradesPerBatch ?? 2000,
        tasks.register('engine.publisher'),
        {
          status: () => Object.values(manager.statuses()),
          stats: () => storage.stats(),
          sample
        }
      )
      unhookLog = log.onEntry((e) => publisher?.pushLog(e))
      publisher.start()
      const task = tasks.register('storage.cleanup', 'drops empty rings and raw frames past their age')
      cleanupTask = task
      task.set('idle')
      cleanupTimer = setInterval(() => {
        const r = storage.cleanup(Date.now())
        task.set('idle', `last run dropped ${r.rawDropped} raw frames, ${r.ringsDropped} empty rings`)
      }, opts.cleanupIntervalMs ?? 30_000)
      resources.start()
      manager.startAll()
    },

    async stop(): Promise<void> {
      if (!started || stopped) return
      stopped = true
      if (cleanupTimer) clearInterval(cleanupTimer)
      cleanupTimer = null
      cleanupTask?.dispose()
      await manager.stopAll()
      resources.stop()
      publisher?.flush()
      publisher?.stop()
      publisher = null
      unhookLog?.()
      await closeRecorder()
      engineLog.info('Engine stopped')
    },

    metricsText: () =>
      renderMetrics({
        collectors: manager.all(),
        storage,
        gaps,
        eventTradesDropped: publisher?.tradesDropped ?? 0
      }),

    *exportTrades(symbol?: string): Iterable<TradeDto> {
      for (const t of storage.exportTrades(symbol)) yield t.toDto()
    },

    setMirrorStatus(status: MirrorStatus): void {
      mirror = { ...status }
      hub.emit('mirror', { ...status })
    },

    onResume(): void {
      engineLog.info('System resumed: checking every connection')
      for (const c of manager.all()) c.onResume()
    }
  }
  return engine
}
