import { upgradeErrorCode, type UpgradeErrorCode } from '../../../shared/error-codes'
import { isLoopbackHost } from '../../../shared/validate'

/** An upgrade answered with an HTTP status instead of 101 (429, 403, 503, a redirect…). */
export interface RefusedUpgrade {
  status: number
  retryAfterMs: number | null
  location: string | null
}

export interface RefusalOutcome {
  code: UpgradeErrorCode
  message: string
  /** The next reconnect waits at least this long; null: normal backoff. */
  minNextDelayMs: number | null
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | null {
  const v = Array.isArray(header) ? header[0] : header
  if (v === undefined) return null
  if (/^\s*\d{1,7}\s*$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isFinite(at) ? Math.max(0, at - now) : null
}

/** What a refused upgrade means for the next attempt, and how to report it. */
export function judgeRefusal(refused: RefusedUpgrade, rejectedUpgradeMinMs: number): RefusalOutcome {
  const { status, location, retryAfterMs: retry } = refused
  // 429/403/401 mean "slow down" or "not allowed": long pause. 503 and others: normal backoff unless Retry-After.
  const long = status === 429 || status === 403 || status === 401
  const minNextDelayMs = long ? (retry ?? rejectedUpgradeMinMs) : retry
  const message =
    status >= 300 && status < 400
      ? `Unexpected server response: ${status} (redirect to ${location ?? '?'} not followed)`
      : `Unexpected server response: ${status}${retry !== null ? ` (Retry-After ${Math.round(retry / 1000)} s)` : ''}`
  return { code: upgradeErrorCode(status), message, minNextDelayMs }
}

/**
 * Trades from one exchange must never fill gaps of another: a stream on loopback (the simulator)
 * is backfilled only from a loopback REST URL, and a remote stream only from a remote one.
 */
export function restMismatch(wsUrl: string, restUrl: string): string | null {
  try {
    const ws = isLoopbackHost(new URL(wsUrl).hostname)
    const rest = isLoopbackHost(new URL(restUrl).hostname)
    if (ws === rest) return null
    return `REST URL ${restUrl} does not serve the stream at ${wsUrl} (${ws ? 'local stream, remote REST' : 'remote stream, local REST'}): backfill off`
  } catch {
    return `unusable URL pair ${wsUrl} / ${restUrl}: backfill off`
  }
}
