import { useState } from 'react'
import type { DiagnosticStepStatus, DiagnosticsReport } from '../../../../shared/dto'
import { useServices } from '../../app-context'
import { Panel, Pill, type Tone } from '../../components/ui'
import { fmtClock } from '../../lib/format'
import { FixText } from './FixText'
import { exportReport } from './report-export'
import { errorMessage } from '../../../../shared/guards'

const STEP_TONE: Record<DiagnosticStepStatus, Tone> = { pass: 'good', fail: 'bad', skipped: 'muted', not_run: 'muted' }
const STEP_WORD: Record<DiagnosticStepStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  skipped: 'skipped',
  not_run: 'not run'
}

function Steps({ report }: { report: DiagnosticsReport }) {
  return (
    <>
      <p className={report.ok ? 'muted' : 'error-text'} data-testid="diagnostics-verdict">
        {report.ok
          ? `Every step passed for ${report.url} (${fmtClock(report.finished_at)}).`
          : `Stopped at ${report.steps.find((s) => s.status === 'fail')?.title ?? '?'} — ${report.url}`}
      </p>
      <table className="table" data-testid="diagnostics-steps">
        <thead>
          <tr>
            <th>Step</th>
            <th>Result</th>
            <th className="num">Time</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((s) => (
            <tr key={s.id} data-testid={`diag-${s.id}`} data-status={s.status}>
              <td>{s.title}</td>
              <td>
                <Pill tone={STEP_TONE[s.status]}>{STEP_WORD[s.status]}</Pill>
              </td>
              <td className="num">{s.duration_ms === null ? '—' : `${s.duration_ms} ms`}</td>
              <td>
                <span className="mono">{s.verdict}</span>
                {s.advice.length > 0 ? (
                  <ul className="ck-fix">
                    {s.advice.map((a) => (
                      <li key={a}>
                        <FixText text={a} />
                      </li>
                    ))}
                  </ul>
                ) : null}
                {typeof s.details.reply === 'string' ? (
                  <div className="mono muted ck-reply">{s.details.reply}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.proxy.note ? <p className="muted">Proxy: {report.proxy.note}</p> : null}
    </>
  )
}

/** Runs the network diagnostics on request (they open connections) and exports the bug report. */
export function DiagnosticsPanel() {
  const { api } = useServices()
  const [report, setReport] = useState<DiagnosticsReport | null>(null)
  const [running, setRunning] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; message: string } | null>(null)
  const run = (): void => {
    setRunning(true)
    setNote(null)
    api
      .runDiagnostics()
      .then(setReport, (err: unknown) => setNote({ ok: false, message: errorMessage(err) }))
      .finally(() => setRunning(false))
  }
  const copy = (): void => {
    api
      .getReport()
      .then((r) => exportReport(r.markdown))
      .then(
        (how) =>
          setNote({
            ok: true,
            message:
              how === 'copied'
                ? 'Report copied to the clipboard'
                : 'Clipboard unavailable: report downloaded as a .md file'
          }),
        (err: unknown) => setNote({ ok: false, message: errorMessage(err) })
      )
  }
  return (
    <Panel
      title="Network diagnostics"
      testId="diagnostics-panel"
      actions={
        <span className="ck-actions">
          <button className="btn small" onClick={copy} data-testid="copy-report">
            Copy diagnostics report
          </button>
          <button className="btn small primary" onClick={run} disabled={running} data-testid="run-diagnostics">
            {running ? 'Running…' : 'Run network diagnostics'}
          </button>
        </span>
      }
    >
      {note ? (
        <p className={`action-result ${note.ok ? 'ok' : 'bad'}`} data-testid="diagnostics-note">
          {note.message}
        </p>
      ) : null}
      {report ? (
        <Steps report={report} />
      ) : (
        <p className="muted">
          DNS, TCP, TLS, the WebSocket upgrade, a subscribe round trip and a ping against the configured endpoint, each
          timed, stopping at the first failure with what to try next.
        </p>
      )}
    </Panel>
  )
}
