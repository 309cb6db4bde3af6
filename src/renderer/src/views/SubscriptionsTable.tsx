import type { TopicStatus } from '../../../shared/dto'
import { Pill } from '../components/ui'
import { fmtAgo, fmtClock, fmtInt } from '../lib/format'
import { TOPIC_TONE } from '../lib/status-words'

/** More topics than this (`--symbols ALL`): the ones not subscribed first, the rest counted. */
const MAX_ROWS = 200

export function SubscriptionsTable({ topics, now }: { topics: TopicStatus[]; now: number }) {
  if (topics.length === 0) return <div className="muted small">No topics requested yet.</div>
  const several = new Set(topics.map((t) => t.category)).size > 1
  const shown =
    topics.length <= MAX_ROWS
      ? topics
      : [...topics.filter((t) => t.state !== 'subscribed'), ...topics.filter((t) => t.state === 'subscribed')].slice(
          0,
          MAX_ROWS
        )
  return (
    <>
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
          {shown.map((t) => (
            <tr
              key={`${t.category ?? ''}:${t.topic}`}
              data-testid="subscription-row"
              data-topic={t.topic}
              data-state={t.state}
            >
              <td className="mono">{several && t.category ? `${t.category} ${t.topic}` : t.topic}</td>
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
      {shown.length < topics.length && (
        <div className="muted small" data-testid="subscriptions-more">
          {fmtInt(topics.length - shown.length)} more topics, all subscribed, not listed here
        </div>
      )}
    </>
  )
}
