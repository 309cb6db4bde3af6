// The forwarder's lines of `/metrics` (Prometheus text 0.0.4), appended after the engine's own.

import type { PublishState, PublishStatus } from '../../../shared/dto-publish'

const STATES: PublishState[] = ['off', 'connecting', 'connected', 'catching_up', 'down', 'stream_missing']

export function publishMetrics(s: PublishStatus): string {
  const out: string[] = []
  const one = (name: string, type: 'counter' | 'gauge', help: string, value: number, labels = ''): void => {
    out.push(
      `# HELP ${name} ${help}`,
      `# TYPE ${name} ${type}`,
      `${name}${labels} ${Number.isFinite(value) ? value : 0}`
    )
  }
  out.push(
    '# HELP mdm_publish_state Forwarding to NATS JetStream: 1 for the current state.',
    '# TYPE mdm_publish_state gauge'
  )
  for (const st of STATES) out.push(`mdm_publish_state{state="${st}"} ${s.state === st ? 1 : 0}`)
  one('mdm_publish_published_total', 'counter', 'JetStream publishes sent (a resend counts again).', s.published)
  one('mdm_publish_acknowledged_total', 'counter', 'Publishes the stream acknowledged.', s.acknowledged)
  one(
    'mdm_publish_duplicates_total',
    'counter',
    'Acknowledged as duplicates by the server (Nats-Msg-Id seen).',
    s.duplicates
  )
  one(
    'mdm_publish_dropped_total',
    'counter',
    'Trades that will not be forwarded (memory outbox full or left at stop).',
    s.dropped
  )
  one('mdm_publish_pending', 'gauge', 'Trades not yet acknowledged (outbox, replay and in flight).', s.pending)
  one('mdm_publish_lag_seconds', 'gauge', 'Age of the oldest trade not yet acknowledged.', s.lag_ms / 1000)
  one('mdm_publish_reconnects_total', 'counter', 'Reconnections to NATS.', s.reconnects)
  one('mdm_publish_replayed_total', 'counter', 'Trades read back from disk to be forwarded.', s.replayed_from_disk)
  const stream = s.stream === null ? '' : `{stream="${s.stream.name}"}`
  one(
    'mdm_publish_stream_messages',
    'gauge',
    "Messages in the stream (the JetStream API's count).",
    s.stream?.messages ?? 0,
    stream
  )
  one('mdm_publish_stream_bytes', 'gauge', 'Bytes in the stream.', s.stream?.bytes ?? 0, stream)
  return out.join('\n') + '\n'
}
