// The codes a log entry can carry (`LogEntry.code`): what the Logs view and `GET /debug/logs?code=`
// filter on, and what the checklist links to. A socket error is logged under its error code, so
// the connection group reuses those; every other code names an event of the log itself.

import {
  PERSIST_ERROR_CODES,
  CONNECTION_ERROR_CODES,
  ERROR_MESSAGES,
  MIRROR_ERROR_CODES,
  PUBLISH_ERROR_CODES,
  PERSIST_ENGINE_ERROR_CODES,
  SUBSCRIPTION_ERROR_CODES,
  type CollectorErrorCode
} from './error-codes'

export const LOG_CODE_GROUPS = {
  connection: [...CONNECTION_ERROR_CODES, 'forced_reconnect', 'ws_closed', 'data_stale'],
  subscription: [...SUBSCRIPTION_ERROR_CODES, 'exchange_error'],
  data: ['parse_error', 'invalid_trade'],
  storage: ['storage_error', 'record_failed'],
  persist: [
    ...PERSIST_ERROR_CODES,
    ...PERSIST_ENGINE_ERROR_CODES,
    'persist_moved_aside',
    'persist_recovered',
    'persist_retention'
  ],
  backfill: ['backfill_partial', 'backfill_failed', 'backfill_skipped'],
  mirror: [...MIRROR_ERROR_CODES, 'mirror_start_failed', 'internal'],
  publish: [...PUBLISH_ERROR_CODES, 'publish_connected', 'publish_stream_created', 'publish_dropped'],
  app: [
    'listener_error',
    'diagnostics_failed',
    'ipc_forbidden_sender',
    'ipc_handler_failed',
    'window_failed',
    'engine_start_failed',
    'pause_failed'
  ]
} as const

export type LogCodeGroup = keyof typeof LOG_CODE_GROUPS

export const LOG_CODE_GROUP_LABELS: Record<LogCodeGroup, string> = {
  connection: 'Connection',
  subscription: 'Subscription',
  data: 'Data',
  storage: 'Storage',
  persist: 'Disk',
  backfill: 'Backfill',
  mirror: 'Mirror',
  publish: 'Forwarding',
  app: 'App'
}

export const LOG_CODES = [
  ...LOG_CODE_GROUPS.connection,
  ...LOG_CODE_GROUPS.subscription,
  ...LOG_CODE_GROUPS.data,
  ...LOG_CODE_GROUPS.storage,
  ...LOG_CODE_GROUPS.persist,
  ...LOG_CODE_GROUPS.backfill,
  ...LOG_CODE_GROUPS.mirror,
  ...LOG_CODE_GROUPS.publish,
  ...LOG_CODE_GROUPS.app
] as const

export type LogCode = (typeof LOG_CODES)[number]

/** Log codes that are not also error codes: events only the log reports. */
type LogEventCode = Exclude<LogCode, CollectorErrorCode>

const EVENT_MEANINGS: Record<LogEventCode, string> = {
  forced_reconnect: 'the collector was not active and a reconnection was forced',
  ws_closed: 'the WebSocket closed while the collector was running',
  data_stale: 'subscribed topics sent no trade for a while, though pongs still arrive',
  exchange_error: 'the exchange sent an error reply that answers no subscribe request',
  parse_error: 'a frame could not be parsed and was counted as a parse error',
  invalid_trade: 'trades with invalid fields were rejected (first reason quoted)',
  storage_error: 'storing a trade threw; the trade is counted as rejected',
  record_failed: 'writing the --record file failed; recording stopped',
  persist_moved_aside: 'a corrupt or foreign database file was moved aside (not deleted) and a fresh one started',
  persist_recovered: 'writing to the database file works again after a failure',
  persist_retention: 'retention deleted trades older than the kept days or beyond the size limit',
  backfill_partial: "a gap's backfill recovered only part of it: older trades are lost",
  backfill_failed: "a gap's backfill request failed",
  backfill_skipped: "a gap's backfill was skipped (no usable REST URL, or the collector stopped)",
  mirror_start_failed: 'the desktop app could not start the REST mirror',
  internal: 'a mirror request failed with a bug; details only in this line',
  listener_error: 'an engine event listener threw',
  diagnostics_failed: 'a network diagnostics step failed',
  ipc_forbidden_sender: 'an IPC call from an unexpected sender was refused',
  ipc_handler_failed: 'an IPC call failed inside the engine',
  window_failed: 'the desktop window failed to load',
  engine_start_failed: 'the engine failed to start',
  pause_failed: 'a collector started while collection is paused failed to pause',
  publish_connected: 'the forwarder connected to NATS and found or created its stream',
  publish_stream_created: 'the forwarder created the JetStream stream (it was missing)',
  publish_dropped: 'the in-memory outbox was full or the engine stopped: trades were not forwarded'
}

/** One line per log code: the error's meaning for error codes, the event's otherwise. */
export const LOG_CODE_MEANINGS: Readonly<Record<LogCode, string>> = { ...ERROR_MESSAGES, ...EVENT_MEANINGS }

const KNOWN = new Set<string>(LOG_CODES)

export function isLogCode(code: unknown): code is LogCode {
  return typeof code === 'string' && KNOWN.has(code)
}
