// Wire shapes of forwarding to NATS JetStream (--publish): `GET /collectors/publish`, the
// Pipeline card and the checklist's "Trades forwarded". Field names are the REST API's, as in dto.ts.

import type { Category, ErrorInfo } from './dto'

/**
 * `off`: no --publish. `connecting`: the first connection is being made. `connected`: publishing
 * live, the outbox nearly empty. `catching_up`: connected with a backlog (after an outage or a
 * restart) being sent. `down`: NATS cannot be reached or refuses us (see `last_error`); trades wait
 * in the outbox. `stream_missing`: the stream does not exist and --publish-no-create forbids creating it.
 */
export type PublishState = 'off' | 'connecting' | 'connected' | 'catching_up' | 'down' | 'stream_missing'

/** Where trades wait before NATS acknowledges them. */
export type OutboxKind = 'durable' | 'memory'

/** The stream as the JetStream API reports it: its config (never changed by us) and its state. */
export interface PublishStreamInfo {
  name: string
  subjects: string[]
  storage: string
  replicas: number
  duplicate_window_ms: number
  max_age_ms: number
  /** -1: unlimited. */
  max_bytes: number
  max_msgs: number
  /** True when this engine created it (it was missing); false when it existed. */
  created: boolean
  messages: number
  bytes: number
  first_seq: number
  last_seq: number
  /** When these numbers were read. */
  read_at: number
}

/** Per symbol: the last trade NATS acknowledged (the persisted cursor with a durable outbox). */
export interface PublishCursor {
  category: Category
  symbol: string
  timestamp: number
  trade_id: string
}

export interface PublishStatus {
  state: PublishState
  /** The --publish servers (nats://host:port), credentials never shown. */
  servers: string[]
  /** The server connected to now, null when not connected. */
  connected_server: string | null
  stream_name: string
  /** `trades.bybit.<category>.<SYMBOL>`, one message per trade. */
  subject_pattern: string
  outbox: OutboxKind | null
  /** Publishes sent (each attempt; a resend after an outage counts again). */
  published: number
  /** Publishes the stream acknowledged (stored, or reported as a duplicate). */
  acknowledged: number
  /** Acknowledged as duplicates (PubAck.duplicate: the stream already held that Nats-Msg-Id). */
  duplicates: number
  /** Trades waiting: in the outbox plus sent and not yet acknowledged. */
  pending: number
  in_flight: number
  max_in_flight: number
  outbox_capacity: number
  /** Trades that will never be forwarded (memory outbox full, or left in it at stop): counted, never silent. */
  dropped: number
  /** With a durable outbox: trades read back from disk to catch up (after a restart, an outage or an overflow). */
  replayed_from_disk: number
  /** Age (ms) of the oldest trade not yet acknowledged; 0 when nothing waits. */
  lag_ms: number
  /** Acknowledgement time − local receipt time, over the run (ms). */
  ack_latency_p50_ms: number | null
  ack_latency_p99_ms: number | null
  reconnects: number
  connected_at: number | null
  last_ack_at: number | null
  stream: PublishStreamInfo | null
  cursors: PublishCursor[]
  last_error: ErrorInfo | null
}
