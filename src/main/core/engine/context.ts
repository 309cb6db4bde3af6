// What every handler module of the engine shares: its parts, built once by the composition root
// (../engine.ts), and the few values that change over its life (settings, mirror, last diagnostics).

import type { CallName, CallRequest, CallResponse } from '../../../shared/contract'
import type { DiagnosticsReport, MirrorStatus } from '../../../shared/dto'
import type { Settings } from '../../../shared/settings'
import type { ChecklistService } from '../checklist/checklist-service'
import type { GapTracker } from '../collector/gaps'
import type { DurableTier } from '../durable/durable-tier'
import type { EventHub } from '../events'
import type { Forwarder } from '../forward/forwarder'
import type { NamedLog, RingLog } from '../log/engine-log'
import type { CollectorManager } from '../manager'
import type { ResourceMonitor } from '../resources/resource-monitor'
import type { TradeStorage } from '../storage/trade-storage'
import type { TaskRegistry } from '../tasks'
import type { Serial } from './change-queue'
import type { Lifecycle } from './lifecycle'
import type { Persistence } from './persistence'
import type { EngineOptions } from './options'
import type { RateSampler } from './rate-sampler'
import type { CollectorWiring } from './runtime'

export interface EngineContext {
  readonly opts: EngineOptions
  readonly startedAt: number
  readonly log: RingLog
  /** The engine's own logger name (`engine`) over `log`. */
  readonly engineLog: NamedLog
  readonly tasks: TaskRegistry
  readonly hub: EventHub
  readonly storage: TradeStorage
  /** The DuckDB tier under the rings; null with --no-persist (memory only) and until it is wired. */
  durable: DurableTier | null
  /** Forwarding to NATS JetStream (--publish): the last run's forwarder; null without --publish. */
  forward: Forwarder | null
  /** Opens, feeds and closes `durable`; its stats when off or failing. */
  readonly persistence: Persistence
  readonly gaps: GapTracker
  readonly manager: CollectorManager
  readonly wiring: CollectorWiring
  readonly rates: RateSampler
  readonly resources: ResourceMonitor
  readonly checklist: ChecklistService
  readonly lifecycle: Lifecycle
  /** Runs a change to the collectors alone, after every change asked before it (change-queue.ts). */
  readonly serial: Serial
  settings: Settings
  mirror: MirrorStatus
  lastDiagnostics: DiagnosticsReport | null
}

type AsyncCall =
  | 'updateSettings'
  | 'restartCollector'
  | 'getChecklist'
  | 'runDiagnostics'
  | 'getReport'
  | 'restartEngine'
  | 'checkMirrorPort'
  | 'setCollectionPaused'
  | 'getTrades'
  | 'getHistory'
  | 'saveTradesExport'
/** The contract's handlers with their exact result types: everything but these answers synchronously. */
export type EngineHandlers = { [K in Exclude<CallName, AsyncCall>]: (req: CallRequest<K>) => CallResponse<K> } & {
  [K in AsyncCall]: (req: CallRequest<K>) => Promise<CallResponse<K>>
}

/** The handlers one module implements. */
export type HandlerGroup<K extends keyof EngineHandlers> = Pick<EngineHandlers, K>
