import type { TopicStatus } from '../../../shared/dto'
import { Pill } from '../components/ui'
import { fmtAgo, fmtClock, fmtInt } from '../lib/format'
import { TOPIC_TONE } from '../lib/status-words'

export function SubscriptionsTable({ topics, now }: { topics: TopicStatus[]; now: number }) {
  if (topics.length === 0) return <div className="muted small">No topics requested yet.</div>
  return (
    <table className="table" data-testid="subscriptions">
      <thead>
        <tr>
          <th>Topic</th>
          <th>State</th>
          <th className="num">Trades</th>
          <th>Last trade</th>
          <th>Acknowledged</th>
          <th>Exchange says</th>
        </tr>
      </thead>
      <tbody>
        {topics.map((t) => (
          <tr key={t.topic} data-testid="subscription-row" data-topic={t.topic} data-state={t.state}>
            <td className="mono">{t.topic}</td>
            <td>
              <Pill tone={TOPIC_TONE[t.state]}>{t.state}</Pill>
            </td>
            <td className="num">{fmtInt(t.trades)}</td>
            <td>{fmtAgo(t.last_trade_at, now)}</td>
            <td>{t.acked_at ? fmtClock(t.acked_at) : '—'}</td>
            <td className={t.reason ? 'error-text' : 'muted'}>{t.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
