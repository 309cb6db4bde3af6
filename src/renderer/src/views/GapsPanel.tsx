// Every gap the engine recorded: where the feed had a hole, how long, why, and what REST backfill
// recovered. Next to the collectors, because a gap is a connection event a trader checks there.

import { memo } from 'react'
import type { GapRecord } from '../../../shared/dto'
import { EmptyState, Panel, Pill } from '../components/ui'
import { fmtClockMs, fmtInt } from '../lib/format'
import { BACKFILL_WORDS, GAP_CAUSE_WORDS, fmtGapDuration, gapTone } from '../lib/gap-words'
import './gaps.css'

/** Newest gaps shown; the rest are counted (the REST API has them all). */
const SHOWN = 50

function Summary({ gaps }: { gaps: readonly GapRecord[] }) {
  let open = 0
  let recovered = 0
  let missing = 0
  let unknown = 0
  for (const g of gaps) {
    if (g.to === null) open++
    recovered += g.recovered
    if (g.unrecovered !== null) missing += g.unrecovered
    else if (g.backfill === 'partial' || g.backfill === 'failed') unknown++
  }
  return (
    <span className="muted small gap-summary" data-testid="gaps-summary">
      {fmtInt(gaps.length)} {gaps.length === 1 ? 'gap' : 'gaps'} ·{' '}
      <b className={open ? 'tone-text-warn' : ''}>{open} open</b> · {fmtInt(recovered)} trades recovered ·{' '}
      {fmtInt(missing)} missing
      {unknown > 0 ? ` (+ unknown in ${unknown})` : ''}
    </span>
  )
}

function GapRow({ g, now }: { g: GapRecord; now: number }) {
  const tone = gapTone(g)
  return (
    <tr
      data-testid="gap-row"
      data-gap-id={g.id}
      data-symbol={g.symbol}
      data-backfill={g.backfill}
      data-open={g.to === null}
    >
      <td className="mono">{g.collector}</td>
      <td className="mono">{g.symbol}</td>
      <td className="num">{fmtClockMs(g.from)}</td>
      <td className="num">{g.to === null ? <span className="tone-text-warn">open</span> : fmtClockMs(g.to)}</td>
      <td className="num" data-testid="gap-duration">
        {fmtGapDuration(g, now)}
      </td>
      <td>{GAP_CAUSE_WORDS[g.cause]}</td>
      <td>
        <Pill tone={tone} testId="gap-backfill">
          {g.to === null ? 'waiting' : BACKFILL_WORDS[g.backfill]}
        </Pill>
      </td>
      <td className="num" data-testid="gap-recovered">
        {fmtInt(g.recovered)}
      </td>
      <td className={`num ${g.unrecovered ? 'tone-text-warn' : ''}`} data-testid="gap-unrecovered">
        {g.unrecovered === null
          ? g.backfill === 'partial' || g.backfill === 'failed'
            ? '?'
            : '—'
          : fmtInt(g.unrecovered)}
      </td>
      <td className="gap-detail muted" title={g.detail ?? undefined}>
        {g.detail ?? ''}
      </td>
    </tr>
  )
}

/** `now` only matters while a gap is open (its duration grows); callers pass 0 otherwise so memo holds. */
export const GapsPanel = memo(function GapsPanel({ gaps, now }: { gaps: readonly GapRecord[]; now: number }) {
  return (
    <Panel
      title="Gaps"
      actions={gaps.length > 0 ? <Summary gaps={gaps} /> : null}
      testId="gaps-panel"
      className="gaps-panel"
    >
      {gaps.length === 0 ? (
        <EmptyState title="No gaps" testId="gaps-empty">
          The feed has been continuous since the engine started. A disconnect opens a gap per symbol; it closes on
          resubscribe and is backfilled from REST.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table gaps-table" data-testid="gaps-table">
            <thead>
              <tr>
                <th>Collector</th>
                <th>Symbol</th>
                <th className="num">From</th>
                <th className="num">To</th>
                <th className="num">Duration</th>
                <th>Cause</th>
                <th>Backfill</th>
                <th className="num">Recovered</th>
                <th className="num">Missing</th>
                <th className="wide">Detail</th>
              </tr>
            </thead>
            <tbody>
              {gaps.slice(0, SHOWN).map((g) => (
                <GapRow key={g.id} g={g} now={now} />
              ))}
            </tbody>
          </table>
          {gaps.length > SHOWN ? (
            <div className="muted small table-foot">
              Showing the newest {SHOWN} of {fmtInt(gaps.length)}; <span className="mono">GET /collectors/gaps</span>{' '}
              has them all.
            </div>
          ) : null}
        </div>
      )}
    </Panel>
  )
})
