// What forwarding to NATS JetStream is built from (--publish and its companions), and its defaults.

export interface StreamLimits {
  /** Oldest message kept (ms); 0: unlimited. */
  maxAgeMs: number
  /** Bytes kept; -1: unlimited. */
  maxBytes: number
}

export interface ForwardConfig {
  /** nats://host:port, one or more (a cluster's seeds). */
  servers: string[]
  /** A NATS credentials file (JWT + nkey seed); null: none. */
  credsFile: string | null
  /** A CA bundle (PEM) for a TLS server; null: the system's. */
  tlsCaFile: string | null
  stream: string
  /** false (--publish-no-create): never create the stream, report it missing. */
  createStream: boolean
  limits: StreamLimits
  /** Unacknowledged publishes in flight at most. */
  maxInFlight: number
  /** Trades the in-memory outbox holds at most. */
  outboxCapacity: number
  /** A publish not acknowledged within this is a failure (ms). */
  ackTimeoutMs: number
  /** Reconnect backoff: first and largest delay (ms). */
  backoffMinMs: number
  backoffMaxMs: number
  /** How often the stream's message count and bytes are read while connected (ms). */
  streamInfoIntervalMs: number
  /** How long stop() waits for the outbox to drain before counting what is left (ms). */
  stopDrainMs: number
}

export const DEFAULT_STREAM = 'TRADES'
export const STREAM_SUBJECTS = ['trades.>']
/** JetStream drops a second message with the same Nats-Msg-Id within this window. */
export const DUPLICATE_WINDOW_MS = 5 * 60_000
export const MIN_DUPLICATE_WINDOW_MS = 2 * 60_000

export const FORWARD_DEFAULTS: Omit<ForwardConfig, 'servers'> = {
  credsFile: null,
  tlsCaFile: null,
  stream: DEFAULT_STREAM,
  createStream: true,
  limits: { maxAgeMs: 7 * 24 * 3_600_000, maxBytes: -1 },
  maxInFlight: 512,
  outboxCapacity: 200_000,
  ackTimeoutMs: 5000,
  backoffMinMs: 250,
  backoffMaxMs: 5000,
  streamInfoIntervalMs: 2000,
  stopDrainMs: 3000
}

export function forwardConfig(servers: string[], patch: Partial<Omit<ForwardConfig, 'servers'>> = {}): ForwardConfig {
  return { ...FORWARD_DEFAULTS, ...patch, servers }
}

/** `trades.bybit.<category>.<SYMBOL>`: one subject per symbol. */
export function tradeSubject(category: string, symbol: string): string {
  return `trades.bybit.${category}.${symbol}`
}

/** The JetStream de-duplication id: the same trade from any collector has the same id. */
export function tradeMsgId(category: string, tradeId: string): string {
  return `bybit:${category}:${tradeId}`
}

/** A server URL without credentials (`nats://user:pass@host` → `nats://host`): what status and logs show. */
export function redactServer(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//')
}
