// The Connection view's Pipeline card: forwarding to NATS JetStream (`GET /collectors/publish`),
// polled while the view is open. Without --publish it says how to turn it on.
import type { PublishState, PublishStatus } from '../../../shared/dto-publish'
import { useServices } from '../app-context'
import { Panel, Pill, Stat, type Tone } from '../components/ui'
import { usePoll } from '../hooks/use-poll'
import { fmtAgo, fmtBytes, fmtDuration, fmtInt, fmtMsOrS } from '../lib/format'

const POLL_MS = 1000

const STATE: Record<PublishState, { words: string; tone: Tone }> = {
  off: { words: 'off', tone: 'muted' },
  connecting: { words: 'connecting', tone: 'info' },
  connected: { words: 'connected', tone: 'good' },
  catching_up: { words: 'catching up', tone: 'warn' },
  down: { words: 'down', tone: 'bad' },
  stream_missing: { words: 'stream missing', tone: 'bad' }
}

function StreamLine({ p }: { p: PublishStatus }) {
  const s = p.stream
  if (!s) return <div className="muted small">stream {p.stream_name}: not seen yet</div>
  const limits = [
    `${s.storage} storage`,
    `${s.replicas} ${s.replicas === 1 ? 'replica' : 'replicas'}`,
    `duplicate window ${fmtDuration(s.duplicate_window_ms)}`,
    s.max_age_ms > 0 ? `max age ${fmtDuration(s.max_age_ms)}` : 'no age limit',
    s.max_bytes > 0 ? `max ${fmtBytes(s.max_bytes)}` : 'no size limit'
  ]
  return (
    <div className="muted small pipeline-stream" data-testid="pipeline-stream">
      <span className="mono">{s.name}</span> ({s.subjects.join(', ')}; {limits.join(', ')})
      {s.created ? ', created by this engine' : ''}
    </div>
  )
}

export function PipelinePanel({ now }: { now: number }) {
  const { api } = useServices()
  const { data: p } = usePoll(() => api.getPublishStatus(), POLL_MS)
  if (!p) return null
  const st = STATE[p.state]
  return (
    <Panel
      testId="pipeline"
      className={`pipeline tone-edge-${st.tone}`}
      title={
        <span className="row gap">
          <span>Pipeline</span>
          <span className="tag">NATS JetStream</span>
          <Pill tone={st.tone} testId="pipeline-state">
            {st.words}
          </Pill>
        </span>
      }
    >
      {p.state === 'off' ? (
        <div className="muted" data-testid="pipeline-off">
          Forwarding is off. Start with <span className="mono">--publish nats://HOST:4222</span> to send every stored
          trade to a JetStream stream (one message per trade on <span className="mono">{p.subject_pattern}</span>).
        </div>
      ) : (
        <>
          <div className="endpoint mono" data-testid="pipeline-server">
            {p.connected_server ?? p.servers.join(', ')} → {p.stream_name}
            <span className="muted"> · outbox {p.outbox === 'durable' ? 'on disk' : 'in memory'}</span>
          </div>
          <StreamLine p={p} />
          <div className="stat-grid">
            <Stat label="Published" value={fmtInt(p.published)} testId="pipeline-published" />
            <Stat label="Acknowledged" value={fmtInt(p.acknowledged)} testId="pipeline-acknowledged" />
            <Stat label="Duplicates" value={fmtInt(p.duplicates)} hint="already in the stream (Nats-Msg-Id)" />
            <Stat
              label="Pending"
              value={fmtInt(p.pending)}
              hint={`${fmtInt(p.in_flight)} in flight`}
              tone={p.pending > 10_000 ? 'warn' : undefined}
              testId="pipeline-pending"
            />
            <Stat
              label="Dropped"
              value={fmtInt(p.dropped)}
              tone={p.dropped > 0 ? 'bad' : undefined}
              hint="not forwarded, counted"
              testId="pipeline-dropped"
            />
            <Stat
              label="Lag"
              value={p.lag_ms > 0 ? fmtMsOrS(p.lag_ms) : '—'}
              hint="oldest not acknowledged"
              tone={p.lag_ms > 5000 ? 'warn' : undefined}
              testId="pipeline-lag"
            />
            <Stat label="Ack p99" value={p.ack_latency_p99_ms === null ? '—' : fmtMsOrS(p.ack_latency_p99_ms)} />
            <Stat
              label="Stream messages"
              value={fmtInt(p.stream?.messages ?? null)}
              testId="pipeline-stream-messages"
            />
            <Stat label="Stream bytes" value={fmtBytes(p.stream?.bytes ?? null)} />
            <Stat label="From disk" value={fmtInt(p.replayed_from_disk)} hint="read back after the cursor" />
            <Stat label="Reconnects" value={fmtInt(p.reconnects)} />
            <Stat label="Last ack" value={fmtAgo(p.last_ack_at, now)} />
          </div>
          {p.last_error ? (
            <div className="pipeline-error" data-testid="pipeline-error">
              <span className="mono">{p.last_error.code}</span> {p.last_error.message}{' '}
              <span className="muted small">{fmtAgo(p.last_error.at, now)}</span>
            </div>
          ) : null}
        </>
      )}
    </Panel>
  )
}
