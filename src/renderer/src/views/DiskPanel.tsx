import { useCallback } from 'react'
import type { HistoryResponse, PersistState, PersistStats } from '../../../shared/dto-durable'
import { useServices } from '../app-context'
import { FillBar, Panel, Pill, Stat, type Tone } from '../components/ui'
import { usePoll } from '../hooks/use-poll'
import { useApp } from '../store'
import { selectStats } from '../store/selectors'
import { fmtBytes, fmtInt, fmtLogTime, fmtMsOrS, fmtRate } from '../lib/format'

const STATE_WORDS: Record<PersistState, { tone: Tone; text: string }> = {
  off: { tone: 'muted', text: 'off' },
  opening: { tone: 'info', text: 'opening' },
  ok: { tone: 'good', text: 'writing' },
  failing: { tone: 'bad', text: 'failing' }
}

/** Date and time to the second, in the viewer's zone ("2026-01-02 03:04:05"); the oldest trade may be days old. */
const fmtWhen = (ms: number | null): string => (ms === null ? '—' : fmtLogTime(ms).slice(0, 19))

const retentionText = (p: PersistStats): string => `${fmtInt(p.retention.days)} d · ${fmtInt(p.retention.gb)} GB`

const retentionHint = (p: PersistStats): string =>
  p.retention.deleted > 0 ? `${fmtInt(p.retention.deleted)} deleted so far` : 'days or size, whichever first'

function DiskStats({ p }: { p: PersistStats }) {
  const lagTone: Tone | undefined = p.lag_ms > 5000 ? 'bad' : p.lag_ms > 1000 ? 'warn' : undefined
  return (
    <>
      <div className="stat-grid">
        <Stat label="Rows on disk" value={fmtInt(p.rows_on_disk)} testId="disk-rows" />
        <Stat label="Bytes on disk" value={fmtBytes(p.file_bytes)} hint="the DuckDB file" testId="disk-bytes" />
        <Stat
          label="Oldest trade"
          value={p.oldest_timestamp === null ? '—' : fmtWhen(p.oldest_timestamp).slice(11)}
          hint={p.oldest_timestamp === null ? 'nothing on disk yet' : fmtWhen(p.oldest_timestamp).slice(0, 10)}
          testId="disk-oldest"
        />
        <Stat label="Retention" value={retentionText(p)} hint={retentionHint(p)} testId="disk-retention" />
        <Stat label="Write rate" value={`${fmtRate(p.write_rate)}/s`} hint="rows written" testId="disk-rate" />
        <Stat label="Lag" value={fmtMsOrS(p.lag_ms)} hint="oldest trade waiting" tone={lagTone} testId="disk-lag" />
        <Stat
          label="Not persisted"
          value={fmtInt(p.not_persisted)}
          hint="queue full or disk failing"
          tone={p.not_persisted > 0 ? 'bad' : undefined}
          testId="disk-not-persisted"
        />
      </div>
      <div className="raw-frames">
        <div className="raw-label">
          Write queue{' '}
          <span className="num" data-testid="disk-queue">
            {fmtInt(p.queue_depth)}
          </span>{' '}
          / {fmtInt(p.queue_capacity)} · Persisted since start{' '}
          <span className="num" data-testid="disk-persisted">
            {fmtInt(p.persisted)}
          </span>{' '}
          · Duplicates skipped <span className="num">{fmtInt(p.duplicates_skipped)}</span>
          {p.file !== null ? (
            <>
              {' '}
              ·{' '}
              <span className="mono" title="the database file" data-testid="disk-file">
                {p.file}
              </span>
            </>
          ) : null}
        </div>
        <FillBar value={p.queue_depth} max={p.queue_capacity} testId="disk-queue-bar" />
      </div>
      {p.last_error !== null ? (
        <div className="disk-error" data-testid="disk-last-error">
          <span className="mono">{p.last_error.code}</span> {p.last_error.message}{' '}
          <span className="muted">at {fmtWhen(p.last_error.at)}</span>
        </div>
      ) : null}
    </>
  )
}

function HistoryTable({ history }: { history: HistoryResponse }) {
  if (history.symbols.length === 0) return null
  return (
    <table className="table disk-table" data-testid="disk-symbols">
      <thead>
        <tr>
          <th>Symbol</th>
          <th className="num">On disk</th>
          <th className="num">First trade</th>
          <th className="num">Last trade</th>
          <th className="num">Bytes</th>
          <th className="num">Pending</th>
          <th className="num">Lag</th>
        </tr>
      </thead>
      <tbody>
        {history.symbols.map((s) => (
          <tr key={`${s.category}:${s.symbol}`} data-testid="disk-symbol-row" data-symbol={s.symbol}>
            <td className="mono">
              {s.symbol} <span className="muted small">{s.category}</span>
            </td>
            <td className="num">{fmtInt(s.stored)}</td>
            <td className="num">{fmtWhen(s.first_timestamp)}</td>
            <td className="num">{fmtWhen(s.last_timestamp)}</td>
            <td className="num">{fmtBytes(s.bytes)}</td>
            <td className="num">{fmtInt(s.pending)}</td>
            <td className="num">{fmtMsOrS(s.lag_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The durable tier in the Storage view: what is on disk, the write queue, and whether it keeps up. */
export function DiskPanel() {
  const { api } = useServices()
  const load = useCallback(() => api.getHistory(), [api])
  const { data, error } = usePoll(load, 2000)
  // The stats pushed with the storage stats (every stats tick); the per-symbol table from the poll.
  const persist = useApp(selectStats)?.persist ?? data?.persist ?? null
  const state = persist ? STATE_WORDS[persist.state] : null
  return (
    <Panel
      title={
        <span className="row gap">
          Disk
          {state ? (
            <Pill tone={state.tone} testId="disk-state">
              {state.text}
            </Pill>
          ) : null}
        </span>
      }
      testId="disk-panel"
    >
      {persist === null ? (
        <div className="muted small">{error ?? 'Loading…'}</div>
      ) : persist.state === 'off' ? (
        <div className="disk-off" data-testid="disk-off">
          {persist.data_dir === null ? (
            <>
              <strong>Persistence is off (--no-persist).</strong> Trades live in memory only: a restart starts empty and
              older trades are gone once evicted. Start without <span className="mono">--no-persist</span> to keep every
              trade on disk.
            </>
          ) : (
            <>
              <strong>Persistence is turned off in Settings.</strong> New trades live in memory only; what is on disk in{' '}
              <span className="mono">{persist.data_dir}</span> stays. Turn on “Keep every trade on disk” in Settings to
              write again.
            </>
          )}
        </div>
      ) : (
        <>
          <DiskStats p={persist} />
          {data !== null ? <HistoryTable history={data} /> : null}
        </>
      )}
    </Panel>
  )
}
