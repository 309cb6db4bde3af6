import type { CollectorStatus, HealthReport } from '../../../shared/dto'
import { ERROR_MESSAGES } from '../../../shared/error-codes'
import { EmptyState, Panel, Pill, Stat } from '../components/ui'
import { useNow } from '../hooks/use-now'
import { fmtAgo, fmtDuration, fmtInt, fmtLatency, fmtMsOrS, fmtRate } from '../lib/format'
import { COLLECTOR_WORDS, closeWords, collectorTone } from '../lib/status-words'
import { appStore, useApp } from '../store'
import { collectorList, selectCollectorsMap, selectGaps, selectHealth } from '../store/selectors'
import { CollectorActions } from './CollectorActions'
import { GapsPanel } from './GapsPanel'
import { SubscriptionsTable } from './SubscriptionsTable'
import './connection.css'

const HEALTH_TONE = { healthy: 'good', degraded: 'warn', unhealthy: 'bad' } as const

function HealthStrip({ health }: { health: HealthReport }) {
  return (
    <div className={`health-strip tone-${HEALTH_TONE[health.status]}`} data-testid="health">
      <Pill tone={HEALTH_TONE[health.status]} testId="health-state">
        {health.status}
      </Pill>
      <span className="muted">engine up {fmtDuration(health.uptime_s * 1000)}</span>
      <span className="muted">
        {fmtInt(health.storage.total_trades)} {health.storage.total_trades === 1 ? 'trade' : 'trades'} stored in{' '}
        {health.storage.symbols} {health.storage.symbols === 1 ? 'symbol' : 'symbols'}
      </span>
      {health.reasons.length > 0 ? <span className="health-reasons">{health.reasons.join(' · ')}</span> : null}
    </div>
  )
}

function NextAttempt({ c, now }: { c: CollectorStatus; now: number }) {
  if (c.next_reconnect_at === null) return <>—</>
  const left = c.next_reconnect_at - now
  return <span data-testid="reconnect-countdown">{left > 0 ? `in ${(left / 1000).toFixed(1)}s` : 'now'}</span>
}

function LastError({ c, now }: { c: CollectorStatus; now: number }) {
  if (!c.last_error && !c.last_close) {
    return <div className="muted small">No errors since start.</div>
  }
  return (
    <div className="last-error" data-testid="last-error">
      {c.last_error ? (
        <div>
          <span className="err-code" title={ERROR_MESSAGES[c.last_error.code]} data-testid="last-error-code">
            {c.last_error.code}
          </span>{' '}
          {c.last_error.message} <span className="muted">({fmtAgo(c.last_error.at, now)})</span>
        </div>
      ) : null}
      {c.last_close ? (
        <div className="muted">
          Last close: {closeWords(c.last_close.code)}
          {c.last_close.reason ? ` — “${c.last_close.reason}”` : ''} ({fmtAgo(c.last_close.at, now)})
        </div>
      ) : null}
    </div>
  )
}

function CollectorCard({ c, now }: { c: CollectorStatus; now: number }) {
  const tone = collectorTone(c)
  const uptime = c.connected_since !== null && c.status === 'connected' ? now - c.connected_since : null
  return (
    <Panel
      testId={`collector-${c.name}`}
      className={`collector tone-edge-${tone}`}
      title={
        <span className="row gap">
          <span className="mono">{c.name}</span>
          <span className="tag">{(c.categories ?? [c.category]).join(' · ')}</span>
          {(c.connections?.length ?? 0) > 1 && (
            <span className="muted small" data-testid="collector-connections">
              {c.connections!.filter((x) => x.state === 'connected').length}/{c.connections!.length} connections
            </span>
          )}
          <Pill tone={tone} testId="collector-state">
            {COLLECTOR_WORDS[c.status]}
          </Pill>
          <span className="muted small" data-testid="collector-phase">
            {c.phase}
          </span>
        </span>
      }
      actions={<CollectorActions name={c.name} />}
    >
      <div className="endpoint mono" data-testid="collector-endpoint" title="WebSocket endpoint">
        {c.url}
        {c.proxy !== null ? (
          <span
            className="muted"
            data-testid="collector-proxy"
            title="HTTP CONNECT proxy of the last connection attempt"
          >
            {' '}
            via {c.proxy}
          </span>
        ) : null}
      </div>
      <div className="stat-grid">
        <Stat label="Uptime" value={uptime === null ? '—' : fmtDuration(uptime)} testId="collector-uptime" />
        <Stat label="Reconnects" value={fmtInt(c.reconnect_count)} testId="reconnect-count" />
        <Stat
          label="Next attempt"
          value={<NextAttempt c={c} now={now} />}
          tone={c.next_reconnect_at ? 'warn' : undefined}
        />
        <Stat label="Messages / s" value={fmtRate(c.messages_per_s)} testId="msgs-per-s" />
        <Stat label="Trades / s" value={fmtRate(c.trades_per_s)} testId="trades-per-s" />
        <Stat
          label="Latency p50"
          value={fmtLatency(c.latency, 'p50')}
          hint={c.latency.p50_beyond_top ? `max ${fmtMsOrS(c.latency.max_ms)}` : 'exchange → local'}
          testId="latency-p50"
        />
        <Stat
          label="Latency p99"
          value={fmtLatency(c.latency, 'p99')}
          hint={
            c.latency.p99_beyond_top
              ? `max ${fmtMsOrS(c.latency.max_ms)} · ${fmtInt(c.latency.samples)} samples`
              : `${fmtInt(c.latency.samples)} samples`
          }
          testId="latency-p99"
        />
        <Stat label="Last message" value={fmtAgo(c.last_message_at, now)} testId="last-message" />
        <Stat label="Messages" value={fmtInt(c.messages_received)} testId="messages-received" />
        <Stat label="Trades processed" value={fmtInt(c.trades_processed)} testId="trades-processed" />
        <Stat label="Parse errors" value={fmtInt(c.parse_errors)} tone={c.parse_errors > 0 ? 'warn' : undefined} />
        <Stat label="Duplicates dropped" value={fmtInt(c.duplicates_dropped)} />
        <Stat
          label="Open gaps"
          value={fmtInt(c.open_gaps)}
          tone={c.open_gaps > 0 ? 'warn' : undefined}
          testId="open-gaps"
        />
        {c.connect_budget ? (
          <Stat
            label="Connect budget"
            value={`${fmtInt(c.connect_budget.used)} / ${fmtInt(c.connect_budget.limit)}`}
            hint={`attempts per ${fmtDuration(c.connect_budget.window_s * 1000)}`}
            tone={c.connect_budget.used >= c.connect_budget.limit * 0.8 ? 'warn' : undefined}
          />
        ) : null}
      </div>
      <h3 className="sub-head">Last error</h3>
      <LastError c={c} now={now} />
      <h3 className="sub-head">Subscriptions</h3>
      <SubscriptionsTable topics={c.subscriptions} now={now} />
    </Panel>
  )
}

export function ConnectionView() {
  const collectors = collectorList(useApp(selectCollectorsMap))
  const health = useApp(selectHealth)
  const gaps = useApp(selectGaps)
  const now = useNow(250)
  const anyOpen = gaps.some((g) => g.to === null)
  return (
    <div className="view view-connection" data-testid="view-connection">
      {health ? <HealthStrip health={health} /> : null}
      {collectors.length === 0 ? (
        <EmptyState title="No collectors are configured">
          Add symbols in{' '}
          <button className="link" onClick={() => appStore.getState().setView('settings')}>
            Settings
          </button>{' '}
          to start collecting trades.
        </EmptyState>
      ) : (
        <div className="collector-grid">
          {collectors.map((c) => (
            <CollectorCard key={c.name} c={c} now={now} />
          ))}
        </div>
      )}
      <GapsPanel gaps={gaps} now={anyOpen ? now : 0} />
    </div>
  )
}
