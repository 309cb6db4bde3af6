// The composition root: builds the engine's parts once, shares them with the handler modules in
// ./engine/ through one context, and exposes the result as the `Engine` the outer layers use.

import type { MirrorStatus, TradeDto } from '../../shared/dto'
import type { Settings } from '../../shared/settings'
import { ChecklistService } from './checklist/checklist-service'
import { GapTracker } from './collector/gaps'
import { DEFAULT_TIMINGS } from './collector/timings'
import { actionHandlers } from './engine/action-handlers'
import { collectionHandlers } from './engine/collection-handlers'
import { historyHandlers } from './engine/history-handlers'
import { exportParquet, exportRange } from './durable/trade-history'
import type { TradeRange } from '../../shared/dto-durable'
import { changeQueue } from './engine/change-queue'
import type { EngineContext, EngineHandlers } from './engine/context'
import { debugHandlers } from './engine/debug-handlers'
import { publishHandlers } from './engine/publish-handlers'
import { Lifecycle } from './engine/lifecycle'
import { logFolderHandlers } from './engine/log-folder-handler'
import { Persistence } from './engine/persistence'
import type { EngineOptions } from './engine/options'
import { RateSampler } from './engine/rate-sampler'
import { CollectorWiring } from './engine/runtime'
import { settingsHandlers } from './engine/settings-handlers'
import { publishSettingsOf } from './engine/forwarding'
import { statusHandlers } from './engine/status-handlers'
import { storageHandlers } from './engine/storage-handlers'
import { symbolHandlers } from './engine/symbol-handlers'
import type { EngineFacade } from './engine-facade'
import { EventHub } from './events'
import { logLevelOf, NamedLog, RingLog } from './log/engine-log'
import { CollectorManager } from './manager'
import { renderMetrics } from './metrics/prometheus'
import { publishMetrics } from './forward/publish-metrics'
import { publishStatus } from './forward/forward-status'
import { ResourceMonitor } from './resources/resource-monitor'
import { TradeStorage } from './storage/trade-storage'

import { TaskRegistry } from './tasks'

/** Symbols storage takes before rejecting new ones: every listed instrument of all three categories fits. */
const STORAGE_MAX_SYMBOLS = 10_000

export { COLLECTOR_NAME, type EngineInternals, type EngineOptions } from './engine/options'
export type { EngineHandlers } from './engine/context'
export type { EngineLifecycle } from './engine/lifecycle'

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

function buildContext(initial: Settings, opts: EngineOptions): EngineContext {
  const settings = structuredClone(initial)
  // --publish (and MDM_PUBLISH) win over the saved setting, as every flag does.
  if (opts.publish) settings.publish = publishSettingsOf(opts.publish)
  const log = new RingLog({
    capacity: opts.logCapacity ?? 5000,
    stdout: opts.stdoutLog ?? false,
    stdoutLevel: logLevelOf(opts.logLevel ?? 'info')
  })
  const engineLog = new NamedLog(log, 'engine')
  const tasks = new TaskRegistry()
  const hub = new EventHub((event, e) => engineLog.error(`Listener of ${event} failed: ${e.message}`, 'listener_error'))
  const storage = new TradeStorage({
    maxTradesPerSymbol: settings.maxTradesPerSymbol,
    memoryBudgetMb: settings.memoryBudgetMb,
    // Every listed symbol of several categories (`--symbols ALL`): 1,500 and more.
    maxSymbols: opts.maxSymbols ?? STORAGE_MAX_SYMBOLS,
    rawFrames: opts.rawFrames
  })
  const gaps = new GapTracker()
  const collectorStorage = opts.internals?.collectorStorage
  const manager = new CollectorManager(storage, gaps, log, collectorStorage === undefined ? storage : collectorStorage)
  const timings = { ...DEFAULT_TIMINGS, ...opts.timings }
  const wiring = new CollectorWiring({ log, engineLog, tasks, timings, random: opts.random })
  const lifecycle = new Lifecycle()
  const mirror: MirrorStatus = {
    state: 'off',
    host: settings.mirror.host,
    port: settings.mirror.port,
    url: null,
    error: null
  }
  const ctx: EngineContext = {
    opts,
    startedAt: Date.now(),
    log,
    engineLog,
    tasks,
    hub,
    storage,
    durable: null,
    forward: null,
    persistence: new Persistence(opts.persist, { log, gaps }),
    gaps,
    manager,
    wiring,
    lifecycle,
    serial: changeQueue(),
    rates: new RateSampler(manager, storage),
    resources: new ResourceMonitor({ intervalMs: opts.resourceIntervalMs, processMetrics: opts.processMetrics }),
    checklist: new ChecklistService({
      manager,
      storage,
      running: () => lifecycle.running,
      mirror: () => ctx.mirror,
      publish: () => publishStatus(ctx.forward),
      persist: () =>
        ctx.persistence.configured
          ? {
              stats: ctx.persistence.stats(ctx),
              offReason: opts.mode === 'electron' ? 'turned off in Settings' : '--no-persist, or turned off in Settings'
            }
          : null
    }),
    settings,
    mirror,
    lastDiagnostics: null
  }
  wiring.wire(manager, () => lifecycle.publisher)
  manager.onEach((c) => c.on('trade', (t) => ctx.forward?.push(t)))
  manager.configure([wiring.specFor(settings)])
  return ctx
}

export function createEngine(initial: Settings, opts: EngineOptions = {}): Engine {
  const ctx = buildContext(initial, opts)
  const { log, storage, manager, gaps, lifecycle, engineLog } = ctx
  const handlers: EngineHandlers = {
    ...statusHandlers(ctx),
    ...storageHandlers(ctx),
    ...debugHandlers(ctx),
    ...settingsHandlers(ctx),
    ...actionHandlers(ctx),
    ...collectionHandlers(ctx),
    ...historyHandlers(ctx),
    ...publishHandlers(ctx),
    ...logFolderHandlers(ctx),
    ...symbolHandlers(ctx)
  }
  return {
    handlers,
    logger: log,
    log,
    tasks: ctx.tasks,
    storage,
    manager,
    gaps,
    subscribe: (event, listener) => ctx.hub.subscribe(event, listener),
    settings: () => structuredClone(ctx.settings),
    start: () => ctx.serial(() => lifecycle.start(ctx)),
    stop: () => ctx.serial(() => lifecycle.stop(ctx)),
    metricsText: () =>
      renderMetrics({
        collectors: manager.all(),
        storage,
        gaps,
        eventTradesDropped: lifecycle.publisher?.tradesDropped ?? 0,
        persist: { stats: ctx.persistence.stats(ctx), errors: ctx.persistence.errors }
      }) + publishMetrics(publishStatus(ctx.forward)),
    *exportTrades(symbol?: string): Iterable<TradeDto> {
      for (const t of storage.exportTrades(symbol)) yield t.toDto()
    },
    async *exportTradeRange(q: TradeRange): AsyncIterable<TradeDto[]> {
      for await (const batch of exportRange({ storage, durable: ctx.durable }, q)) yield batch.map((t) => t.toDto())
    },
    exportParquet: (q, file) => exportParquet({ storage, durable: ctx.durable }, q, file),
    setMirrorStatus(status: MirrorStatus): void {
      ctx.mirror = { ...status }
      ctx.hub.emit('mirror', { ...status })
    },
    onResume(): void {
      engineLog.info('System resumed: checking every connection')
      for (const c of manager.all()) c.onResume()
    }
  }
}
