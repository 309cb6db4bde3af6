// The contract's debug reads that take a query, kept apart from contract.ts: the engine log and the
// raw frames as the socket received them. contract.ts spreads DEBUG_READ_CALLS into API_CALLS.
import type { CallSpec } from './contract'
import { LOG_LEVELS, type LogLevel } from './dto'
import { isLogCode, type LogCode } from './log-codes'
import { fail, ok, parseIntInRange, type Parsed } from './validate'

export const MAX_LOGS_LIMIT = 2000
export const MAX_RAW_FRAMES_LIMIT = 1000

export interface LogsQuery {
  limit: number
  level?: LogLevel
  /** Only entries with this code (LOG_CODES). */
  code?: LogCode
}

export interface RawFramesQuery {
  limit: number
}

function parseLogsQuery(raw: Record<string, unknown>): Parsed<LogsQuery> {
  const limit = raw.limit === undefined ? ok(200) : parseIntInRange(raw.limit, 'limit', 1, MAX_LOGS_LIMIT)
  if (!limit.ok) return limit
  const query: LogsQuery = { limit: limit.value }
  if (raw.level !== undefined && raw.level !== '') {
    const level = typeof raw.level === 'string' ? raw.level.toUpperCase() : ''
    if (!(LOG_LEVELS as readonly string[]).includes(level)) return fail(`level must be one of ${LOG_LEVELS.join(', ')}`)
    query.level = level as LogLevel
  }
  if (raw.code !== undefined && raw.code !== '') {
    if (!isLogCode(raw.code)) return fail('code must be a log code listed in docs/error-codes.md, e.g. parse_error')
    query.code = raw.code
  }
  return ok(query)
}

function parseRawFramesQuery(raw: Record<string, unknown>): Parsed<RawFramesQuery> {
  const limit = raw.limit === undefined ? ok(20) : parseIntInRange(raw.limit, 'limit', 1, MAX_RAW_FRAMES_LIMIT)
  return limit.ok ? ok({ limit: limit.value }) : limit
}

export const DEBUG_READ_CALLS: {
  getLogs: CallSpec<'getLogs'>
  getRawFrames: CallSpec<'getRawFrames'>
} = {
  getLogs: {
    channel: 'mdm:logs:get-recent',
    http: { method: 'GET', path: '/debug/logs' },
    mutates: false,
    parse: parseLogsQuery
  },
  // The newest frames exactly as received, malformed ones included: what the exchange really sent.
  getRawFrames: {
    channel: 'mdm:debug:get-raw-frames',
    http: { method: 'GET', path: '/debug/frames' },
    mutates: false,
    parse: parseRawFramesQuery
  }
}
