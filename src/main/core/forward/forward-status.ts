// What `GET /collectors/publish`, the Pipeline card and the checklist see of the forwarder.

import type { PublishStatus } from '../../../shared/dto-publish'
import { DEFAULT_STREAM } from './forward-config'
import type { Forwarder } from './forwarder'

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10)

export const SUBJECT_PATTERN = 'trades.bybit.<category>.<SYMBOL>'

export function publishStatus(f: Forwarder | null, now = Date.now()): PublishStatus {
  if (f === null)
    return {
      state: 'off',
      servers: [],
      connected_server: null,
      stream_name: DEFAULT_STREAM,
      subject_pattern: SUBJECT_PATTERN,
      outbox: null,
      published: 0,
      acknowledged: 0,
      duplicates: 0,
      pending: 0,
      in_flight: 0,
      max_in_flight: 0,
      outbox_capacity: 0,
      dropped: 0,
      replayed_from_disk: 0,
      lag_ms: 0,
      ack_latency_p50_ms: null,
      ack_latency_p99_ms: null,
      reconnects: 0,
      connected_at: null,
      last_ack_at: null,
      stream: null,
      cursors: [],
      last_error: null
    }
  return {
    state: f.stateValue,
    servers: f.servers,
    connected_server: f.connectedServer,
    stream_name: f.cfg.stream,
    subject_pattern: SUBJECT_PATTERN,
    outbox: f.replay ? 'durable' : 'memory',
    published: f.published,
    acknowledged: f.acknowledged,
    duplicates: f.duplicates,
    pending: f.pending,
    in_flight: f.window.size,
    max_in_flight: f.cfg.maxInFlight,
    outbox_capacity: f.cfg.outboxCapacity,
    dropped: f.dropped,
    replayed_from_disk: f.replay?.replayed ?? 0,
    lag_ms: f.lagMs(now),
    ack_latency_p50_ms: finite(f.latency.quantileMs(0.5)),
    ack_latency_p99_ms: finite(f.latency.quantileMs(0.99)),
    reconnects: f.reconnects,
    connected_at: f.connectedAt,
    last_ack_at: f.lastAckAt,
    stream: f.stream ? { ...f.stream, subjects: [...f.stream.subjects] } : null,
    cursors: f.window.cursorList(),
    last_error: f.lastError ? { ...f.lastError } : null
  }
}
