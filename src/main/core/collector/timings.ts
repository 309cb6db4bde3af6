/** Every time constant of a collector; tests shorten them through the engine options. */
export interface CollectorTimings {
  handshakeTimeoutMs: number
  /** JSON `{"op":"ping"}` cadence (Bybit recommends 20 s). */
  pingIntervalMs: number
  /** A pong later than this after a ping terminates the connection. */
  pongTimeoutMs: number
  /** After sleep/resume: the immediate ping must be answered this fast. */
  resumePongTimeoutMs: number
  /** Subscribe reply deadline per topic; one resubscribe, then reconnect. */
  ackTimeoutMs: number
  /** No frame at all (not even a pong) for this long: the connection is dead. */
  silenceTimeoutMs: number
  /** Subscribed but no trade for this long: shown as `stale` (a quiet market is not a dead socket). */
  dataStaleMs: number
  watchdogIntervalMs: number
  backoffBaseMs: number
  backoffCapMs: number
  backoffMinMs: number
  /** A connection that lived this long (and subscribed) resets the backoff. */
  stableAfterMs: number
  /** Grace for a socket to close on stop before it is terminated. */
  closeTimeoutMs: number
  /** Upgrade refused with 429/403/503 and no Retry-After: wait at least this long (Retry-After wins when given). */
  rejectedUpgradeMinMs: number
  /** Connection attempts allowed per rolling window (Bybit: at most 500 per 5 minutes per domain). */
  connectBudget: number
  connectBudgetWindowMs: number
  /** REST recent-trade (backfill) deadline per request. */
  restTimeoutMs: number
  /** REST requests per second on average (and burst); Bybit allows 600 per 5 s per IP. */
  restRequestsPerSecond: number
  /** `--symbols ALL`: the instrument listing is fetched again this often (new listings subscribed, delistings dropped). */
  instrumentsRefreshMs: number
  /** A listing fetch that failed is tried again after this long. */
  instrumentsRetryMs: number
  /** instruments-info page size (Bybit: at most 1000); tests shrink it so the cursor is followed. */
  instrumentsPageLimit: number
  /** Not a time, a bound: characters of subscribed `args` per connection (Bybit refuses more than 21,000). */
  maxArgsCharsPerConnection: number
  /** Not a time, a bound: topics per connection, so a large list spreads over several connections. */
  maxTopicsPerConnection: number
}

export const DEFAULT_TIMINGS: CollectorTimings = {
  handshakeTimeoutMs: 10_000,
  pingIntervalMs: 20_000,
  pongTimeoutMs: 10_000,
  resumePongTimeoutMs: 3_000,
  ackTimeoutMs: 10_000,
  silenceTimeoutMs: 60_000,
  dataStaleMs: 5 * 60_000,
  watchdogIntervalMs: 1_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 30_000,
  backoffMinMs: 100,
  stableAfterMs: 60_000,
  closeTimeoutMs: 1_000,
  rejectedUpgradeMinMs: 60_000,
  connectBudget: 450,
  connectBudgetWindowMs: 5 * 60_000,
  restTimeoutMs: 10_000,
  restRequestsPerSecond: 10,
  instrumentsRefreshMs: 10 * 60_000,
  instrumentsRetryMs: 30_000,
  instrumentsPageLimit: 1000,
  maxArgsCharsPerConnection: 21_000,
  maxTopicsPerConnection: 500
}
