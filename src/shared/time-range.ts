// `from` and `to` of the history routes (`/collectors/trades`, `trades.csv`, `trades.parquet`):
// epoch milliseconds or an ISO 8601 date-time, parsed once at the edge into an inclusive range.

import { fail, ok, type Parsed } from './validate'

/** 2000-01-01T00:00:00Z: nothing a crypto exchange traded is older. */
export const RANGE_MIN_MS = 946_684_800_000
/** 2100-01-01T00:00:00Z: anything later is a typo (seconds for ms×1000, a year 20260). */
export const RANGE_MAX_MS = 4_102_444_800_000

const EPOCH_MS_RE = /^\d{1,20}$/
/** A date, optionally with a time (seconds and fraction optional) and a zone (Z or ±hh:mm). */
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i

export interface TimeRange {
  from?: number
  to?: number
}

/** One time parameter: epoch ms (digits only) or ISO 8601; undefined or '' is "not given". */
export function parseTimeParam(raw: unknown, name: string): Parsed<number | undefined> {
  if (raw === undefined || raw === '') return ok(undefined)
  if (typeof raw === 'number') return inBounds(raw, name, String(raw))
  if (typeof raw !== 'string') return fail(`${name} must be epoch milliseconds or an ISO 8601 time`)
  const text = raw.trim()
  const shown = JSON.stringify(text.slice(0, 40))
  if (EPOCH_MS_RE.test(text)) return inBounds(Number(text), name, shown)
  if (!ISO_RE.test(text)) {
    return fail(`${name} must be epoch milliseconds or an ISO 8601 time such as 2026-01-02T03:04:05Z, got ${shown}`)
  }
  // A date-time without a zone would be read in the server's zone: ambiguous, so UTC is required.
  if (/[T ]\d{2}:\d{2}/i.test(text) && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    return fail(`${name} needs a zone (Z or ±hh:mm) when it has a time of day, got ${shown}`)
  }
  const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  if (Number.isNaN(ms) || !realFields(text)) return fail(`${name} is not a real date and time: ${shown}`)
  return inBounds(ms, name, shown)
}

/** Date.parse rolls 2026-02-30 over into March: the fields themselves must exist. */
function realFields(text: string): boolean {
  const [y, mo, d] = text.slice(0, 10).split('-').map(Number)
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  if (mo < 1 || mo > 12 || d < 1 || d > days) return false
  const time = /[T ](\d{2}):(\d{2})(?::(\d{2}))?/i.exec(text)
  return time === null || (Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60)
}

function inBounds(ms: number, name: string, shown: string): Parsed<number> {
  if (!Number.isSafeInteger(ms) || ms < RANGE_MIN_MS || ms > RANGE_MAX_MS) {
    return fail(
      `${name} must lie between 2000-01-01 and 2100-01-01 (epoch ms ${RANGE_MIN_MS}..${RANGE_MAX_MS}), got ${shown}`
    )
  }
  return ok(ms)
}

/** Both ends, each optional; `from` after `to` is refused. */
export function parseTimeRange(raw: Record<string, unknown>): Parsed<TimeRange> {
  const from = parseTimeParam(raw.from, 'from')
  if (!from.ok) return from
  const to = parseTimeParam(raw.to, 'to')
  if (!to.ok) return to
  if (from.value !== undefined && to.value !== undefined && from.value > to.value) {
    return fail(
      `from (${new Date(from.value).toISOString()}) is after to (${new Date(to.value).toISOString()}); swap them`
    )
  }
  const range: TimeRange = {}
  if (from.value !== undefined) range.from = from.value
  if (to.value !== undefined) range.to = to.value
  return ok(range)
}

/** True when a query names a time range (the history path); false: the rings, exactly as before. */
export const hasTimeRange = (q: TimeRange): boolean => q.from !== undefined || q.to !== undefined
