// The one API contract. Every side is typed from this file:
//   - the engine implements `ApiHandlers` (`EngineFacade.handlers`, built in src/main/core/engine.ts),
//   - main registers one `ipcMain.handle` per call on `channel` (src/main/ipc),
//   - the preload exposes each call as a named function on `window.api`,
//   - the mirror serves each call at `http.method http.path` (src/main/http),
//   - the renderer talks to an `Api` (IPC or HTTP + SSE) and never knows which.
// Adding a call is one edit here plus what the compiler then demands.

import type { ApiErrorCode } from './api-error-codes'
import type {
  ActionResult,
  ChecklistReport,
  CollectorStatus,
  DiagnosticsReport,
  DiagnosticsReportText,
  GapsResponse,
  HealthReport,
  LogEntry,
  LogsResponse,
  MirrorPortCheck,
  RawFramesResponse,
  MirrorStatus,
  RateSample,
  ResourcesResponse,
  RuntimeInfo,
  SamplesResponse,
  StorageDebug,
  StorageStats,
  TasksResponse,
  TradeDto,
  TradesResponse
} from './dto'
import type { HistoryResponse } from './dto-durable'
import type { ExportProgress, ExportRequest, ExportResult } from './dto-export'
import { HISTORY_CALLS, parseTradesQuery, type TradesQuery } from './contract-history'
import { DEBUG_READ_CALLS, type LogsQuery, type RawFramesQuery } from './contract-debug'
import type { PublishStatus } from './dto-publish'
import type { SymbolsResponse } from './dto-symbols'
import type { Settings, SettingsPatch } from './settings'
import { fail, ok, parseIntInRange, parseSettingsPatch, type Parsed } from './validate'

export const APP_PREFIX = 'mdm'
const COLLECTOR_NAME_RE = /^[a-z][a-z0-9_]{0,63}$/

export { MAX_TRADES_LIMIT, parseOneSymbol, type TradesQuery } from './contract-history'
export { MAX_LOGS_LIMIT, MAX_RAW_FRAMES_LIMIT, type LogsQuery, type RawFramesQuery } from './contract-debug'
export interface CollectorQuery {
  name: string
}
export interface MirrorPortQuery {
  /** Default: the mirror's port (its configured one when it is not listening). */
  port?: number
}
export interface CollectionPauseRequest {
  /** true: every collector stops (gaps recorded) and shows `paused`; false: they connect again. */
  paused: boolean
}

/** Where the log file is written; `opened`: the desktop app opened the folder in the file manager. */
export interface LogFolderResult {
  /** The folder holding market-data-monitor.log; null: no log file (no data dir). */
  path: string | null
  opened: boolean
  message: string
}

/** Request and response type of every call. `void`: the call takes no arguments. */
export interface ApiCallTypes {
  getHealth: { req: void; res: HealthReport }
  getCollectorsStatus: { req: void; res: Record<string, CollectorStatus> }
  getCollectorStatus: { req: CollectorQuery; res: CollectorStatus }
  getStorageStats: { req: void; res: StorageStats }
  getTrades: { req: TradesQuery; res: TradesResponse }
  getGaps: { req: void; res: GapsResponse }
  getPublishStatus: { req: void; res: PublishStatus }
  getTasks: { req: void; res: TasksResponse }
  getStorageDebug: { req: void; res: StorageDebug }
  getLogs: { req: LogsQuery; res: LogsResponse }
  getRawFrames: { req: RawFramesQuery; res: RawFramesResponse }
  getSamples: { req: void; res: SamplesResponse }
  getRuntime: { req: void; res: RuntimeInfo }
  getSettings: { req: void; res: Settings }
  updateSettings: { req: SettingsPatch; res: Settings }
  reconnectCollector: { req: CollectorQuery; res: ActionResult }
  restartCollector: { req: CollectorQuery; res: ActionResult }
  clearStorage: { req: void; res: ActionResult }
  getChecklist: { req: void; res: ChecklistReport }
  runDiagnostics: { req: void; res: DiagnosticsReport }
  getResources: { req: void; res: ResourcesResponse }
  getReport: { req: void; res: DiagnosticsReportText }
  restartEngine: { req: void; res: ActionResult }
  checkMirrorPort: { req: MirrorPortQuery; res: MirrorPortCheck }
  setCollectionPaused: { req: CollectionPauseRequest; res: ActionResult }
  getHistory: { req: void; res: HistoryResponse }
  saveTradesExport: { req: ExportRequest; res: ExportResult }
  cancelTradesExport: { req: void; res: ActionResult }
  openLogFolder: { req: void; res: LogFolderResult }
  getCollectorSymbols: { req: void; res: SymbolsResponse }
}

export type CallName = keyof ApiCallTypes
export type CallRequest<K extends CallName> = ApiCallTypes[K]['req']
export type CallResponse<K extends CallName> = ApiCallTypes[K]['res']

export interface CallSpec<K extends CallName> {
  /** IPC channel, `mdm:domain:verb-noun`. */
  channel: `${typeof APP_PREFIX}:${string}:${string}`
  http: { method: 'GET' | 'POST'; path: string }
  /** State-changing: the mirror requires the per-process token. */
  mutates: boolean
  /** Parses untrusted input (query parameters, path parameters, IPC argument, JSON body) once, at the edge. */
  parse: (raw: Record<string, unknown>) => Parsed<CallRequest<K>>
}

const none = (): Parsed<void> => ok(undefined)

function parseCollector(raw: Record<string, unknown>): Parsed<CollectorQuery> {
  const name = raw.name
  if (typeof name !== 'string' || !COLLECTOR_NAME_RE.test(name)) {
    return fail('collector name must be lowercase letters, digits and underscores (e.g. bybit_trades)')
  }
  return ok({ name })
}

function parseMirrorPortQuery(raw: Record<string, unknown>): Parsed<MirrorPortQuery> {
  if (raw.port === undefined || raw.port === '') return ok({})
  const port = parseIntInRange(raw.port, 'port', 1, 65535)
  return port.ok ? ok({ port: port.value }) : port
}

function parseCollectionPause(raw: Record<string, unknown>): Parsed<CollectionPauseRequest> {
  return typeof raw.paused === 'boolean' ? ok({ paused: raw.paused }) : fail('paused must be true or false')
}

export const API_CALLS: { [K in CallName]: CallSpec<K> } = {
  getHealth: { channel: 'mdm:health:get', http: { method: 'GET', path: '/health' }, mutates: false, parse: none },
  getCollectorsStatus: {
    channel: 'mdm:collectors:get-status',
    http: { method: 'GET', path: '/collectors/status' },
    mutates: false,
    parse: none
  },
  getCollectorStatus: {
    channel: 'mdm:collectors:get-one-status',
    http: { method: 'GET', path: '/collectors/status/{name}' },
    mutates: false,
    parse: parseCollector
  },
  getStorageStats: {
    channel: 'mdm:storage:get-stats',
    http: { method: 'GET', path: '/collectors/storage/stats' },
    mutates: false,
    parse: none
  },
  getTrades: {
    channel: 'mdm:trades:get-recent',
    http: { method: 'GET', path: '/collectors/trades' },
    mutates: false,
    parse: parseTradesQuery
  },
  getGaps: {
    channel: 'mdm:gaps:get-all',
    http: { method: 'GET', path: '/collectors/gaps' },
    mutates: false,
    parse: none
  },
  getPublishStatus: {
    channel: 'mdm:publish:get-status',
    http: { method: 'GET', path: '/collectors/publish' },
    mutates: false,
    parse: none
  },
  getTasks: {
    channel: 'mdm:debug:get-tasks',
    http: { method: 'GET', path: '/debug/tasks' },
    mutates: false,
    parse: none
  },
  getStorageDebug: {
    channel: 'mdm:debug:get-storage',
    http: { method: 'GET', path: '/debug/storage' },
    mutates: false,
    parse: none
  },
  ...DEBUG_READ_CALLS,
  getSamples: {
    channel: 'mdm:metrics:get-samples',
    http: { method: 'GET', path: '/debug/samples' },
    mutates: false,
    parse: none
  },
  getRuntime: {
    channel: 'mdm:runtime:get-info',
    http: { method: 'GET', path: '/debug/runtime' },
    mutates: false,
    parse: none
  },
  getSettings: {
    channel: 'mdm:settings:get-all',
    http: { method: 'GET', path: '/settings' },
    mutates: false,
    parse: none
  },
  updateSettings: {
    channel: 'mdm:settings:update',
    http: { method: 'POST', path: '/settings' },
    mutates: true,
    parse: parseSettingsPatch
  },
  reconnectCollector: {
    channel: 'mdm:collectors:reconnect',
    http: { method: 'POST', path: '/collectors/{name}/reconnect' },
    mutates: true,
    parse: parseCollector
  },
  restartCollector: {
    channel: 'mdm:collectors:restart',
    http: { method: 'POST', path: '/collectors/{name}/restart' },
    mutates: true,
    parse: parseCollector
  },
  clearStorage: {
    channel: 'mdm:storage:clear',
    http: { method: 'POST', path: '/collectors/storage/clear' },
    mutates: true,
    parse: none
  },
  getChecklist: {
    channel: 'mdm:debug:get-checklist',
    http: { method: 'GET', path: '/debug/checklist' },
    mutates: false,
    parse: none
  },
  // Opens connections to the exchange: token-protected like the other actions.
  runDiagnostics: {
    channel: 'mdm:debug:run-diagnostics',
    http: { method: 'POST', path: '/debug/diagnostics' },
    mutates: true,
    parse: none
  },
  getResources: {
    channel: 'mdm:debug:get-resources',
    http: { method: 'GET', path: '/debug/resources' },
    mutates: false,
    parse: none
  },
  getReport: {
    channel: 'mdm:debug:get-report',
    http: { method: 'GET', path: '/debug/report' },
    mutates: false,
    parse: none
  },
  restartEngine: {
    channel: 'mdm:engine:restart',
    http: { method: 'POST', path: '/engine/restart' },
    mutates: true,
    parse: none
  },
  // Reads other processes' command lines: token-protected.
  checkMirrorPort: {
    channel: 'mdm:debug:check-mirror-port',
    http: { method: 'POST', path: '/debug/mirror-port' },
    mutates: true,
    parse: parseMirrorPortQuery
  },
  // The desktop app opens the folder; in a browser the answer names it. Token-protected: an action.
  openLogFolder: {
    channel: 'mdm:debug:open-log-folder',
    http: { method: 'POST', path: '/debug/log-folder' },
    mutates: true,
    parse: none
  },
  // Stops or restarts collection from the exchange: token-protected like the other actions.
  setCollectionPaused: {
    channel: 'mdm:collection:set-paused',
    http: { method: 'POST', path: '/collectors/paused' },
    mutates: true,
    parse: parseCollectionPause
  },
  ...HISTORY_CALLS,
  getCollectorSymbols: {
    channel: 'mdm:collectors:get-symbols',
    http: { method: 'GET', path: '/collectors/symbols' },
    mutates: false,
    parse: none
  }
}

export const CALL_NAMES = Object.keys(API_CALLS) as CallName[]

/** Pushed events, batched at the producer (trades: one batch per ≥ 50 ms tick). */
export interface ApiEventTypes {
  trades: TradeDto[]
  status: CollectorStatus[]
  stats: StorageStats
  log: LogEntry[]
  sample: RateSample
  mirror: MirrorStatus
  /** The whole gap list, as `getGaps` answers it, whenever a gap opens, closes or is backfilled. */
  gaps: GapsResponse
  /** The health report whenever it differs from the last one pushed (its `timestamp` aside). */
  health: HealthReport
  /** Progress of the desktop app's export to a file (saveTradesExport). */
  export: ExportProgress
}

export type EventName = keyof ApiEventTypes
export const API_EVENTS: { [E in EventName]: `${typeof APP_PREFIX}:event:${E}` } = {
  trades: 'mdm:event:trades',
  status: 'mdm:event:status',
  stats: 'mdm:event:stats',
  log: 'mdm:event:log',
  sample: 'mdm:event:sample',
  mirror: 'mdm:event:mirror',
  gaps: 'mdm:event:gaps',
  health: 'mdm:event:health',
  export: 'mdm:event:export'
}
export const EVENT_NAMES = Object.keys(API_EVENTS) as EventName[]

export type Listener<E extends EventName> = (payload: ApiEventTypes[E]) => void
export type Unsubscribe = () => void

/** What the renderer holds: every call as a named async function, plus subscriptions. */
export type ApiCalls = {
  [K in CallName]: CallRequest<K> extends void
    ? () => Promise<CallResponse<K>>
    : (req: CallRequest<K>) => Promise<CallResponse<K>>
}
export interface Api extends ApiCalls {
  subscribe<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe
  /** `electron` over IPC, `browser` over HTTP + SSE. */
  readonly transport: 'electron' | 'browser'
}

/** What the engine implements: the server side of every call, plus a typed event source. */
export type ApiHandlers = {
  [K in CallName]: (req: CallRequest<K>) => Promise<CallResponse<K>> | CallResponse<K>
}
export interface ApiEventSource {
  subscribe<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe
}

/** Error codes an API call can fail with, kept apart from messages (listed in api-error-codes.ts). */
export type { ApiErrorCode }

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const HTTP_STATUS_FOR: Record<ApiErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
  persistence_off: 409
}

/**
 * What an IPC handler returns. Electron keeps only the message of a thrown error, so main replies
 * with data and the preload turns an `error` back into a thrown `ApiError`.
 */
export type IpcReply<T> = { result: T } | { error: { code: ApiErrorCode; message: string } }
