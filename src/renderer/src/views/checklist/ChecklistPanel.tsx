import { useState } from 'react'
import type { ChecklistItem, ChecklistLink, ChecklistReport, ChecklistStatus } from '../../../../shared/dto'
import { Panel } from '../../components/ui'
import { fmtClock } from '../../lib/format'
import { FixText } from './FixText'
import { appStore } from '../../store'

const ICON: Record<ChecklistStatus, string> = { pass: '✓', fail: '✕', pending: '…', skipped: '–' }
const WORD: Record<ChecklistStatus, string> = { pass: 'pass', fail: 'fail', pending: 'pending', skipped: 'skipped' }

const LINK_LABEL: Record<ChecklistLink['view'], string> = {
  connection: 'Open Connection',
  logs: 'Open Logs',
  storage: 'Open Storage',
  debug: 'Open Debug',
  settings: 'Open Settings'
}

function follow(link: ChecklistLink): void {
  const s = appStore.getState()
  if (link.view === 'logs' && link.code) s.showLogCode(link.code)
  s.setView(link.view)
}

function linkLabel(link: ChecklistLink): string {
  return link.view === 'logs' && link.code ? `Open Logs: ${link.code}` : LINK_LABEL[link.view]
}

function Facts({ facts }: { facts: ChecklistItem['facts'] }) {
  const entries = Object.entries(facts)
  if (entries.length === 0) return null
  return (
    <dl className="ck-facts">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className="mono">{v === null ? '—' : String(v)}</dd>
        </div>
      ))}
    </dl>
  )
}

function Item({ item, likely }: { item: ChecklistItem; likely: boolean }) {
  // The likely cause opens by itself; a click decides from then on.
  const [open, setOpen] = useState<boolean | null>(null)
  const expanded = open ?? likely
  return (
    <li
      className={`ck-item st-${item.status} ${likely ? 'likely' : ''}`}
      data-testid={`check-${item.id}`}
      data-status={item.status}
    >
      <button className="ck-row" onClick={() => setOpen(!expanded)} aria-expanded={expanded} data-testid="check-toggle">
        <span className="ck-icon" aria-label={WORD[item.status]} data-testid="check-status">
          {ICON[item.status]}
        </span>
        <span className="ck-title">{item.title}</span>
        {likely ? <span className="ck-likely">likely cause</span> : null}
        <span className="ck-evidence-short muted">{item.evidence}</span>
      </button>
      {expanded ? (
        <div className="ck-detail">
          <p className="ck-evidence mono" data-testid="check-evidence">
            {item.evidence}
          </p>
          <Facts facts={item.facts} />
          {item.fix.length > 0 ? (
            <>
              <div className="ck-subhead">What to try</div>
              <ul className="ck-fix" data-testid="check-fix">
                {item.fix.map((f) => (
                  <li key={f}>
                    <FixText text={f} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {item.link ? (
            <button className="btn small" onClick={() => follow(item.link!)} data-testid="check-link">
              {linkLabel(item.link)}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}

export function ChecklistPanel({
  report,
  error,
  loading,
  live,
  onLive,
  onRerun
}: {
  report: ChecklistReport | null
  error: string | null
  loading: boolean
  live: boolean
  onLive(live: boolean): void
  onRerun(): void
}) {
  const tone = report === null ? 'muted' : report.all_passed ? 'good' : report.first_failure ? 'bad' : 'warn'
  return (
    <Panel
      title="Debugging checklist"
      testId="checklist-panel"
      actions={
        <span className="ck-actions">
          <label className="ck-live">
            <input
              type="checkbox"
              checked={live}
              onChange={(e) => onLive(e.target.checked)}
              data-testid="checklist-live"
            />
            live
          </label>
          <button className="btn small primary" onClick={onRerun} disabled={loading} data-testid="checklist-rerun">
            {loading ? 'Running…' : 'Re-run'}
          </button>
        </span>
      }
    >
      {error ? (
        <p className="error-text" data-testid="checklist-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <>
          <div className={`ck-summary tone-${tone}`} data-testid="checklist-summary">
            {report.summary}
            <span className="muted ck-when"> · evaluated {fmtClock(report.evaluated_at)}</span>
          </div>
          <ol className="ck-list">
            {report.items.map((i) => (
              <Item key={i.id} item={i} likely={i.id === report.first_failure} />
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">Evaluating…</p>
      )}
    </Panel>
  )
}
