// How `npm run doctor` prints: the checklist and the diagnostics as aligned lines, coloured on a
// terminal and plain (with words instead of symbols) when piped into a file or a bug report.

import type { ChecklistReport, ChecklistStatus, DiagnosticStepStatus, DiagnosticsReport } from '../shared/dto'

export type Paint = 'color' | 'plain'

const CODES = { green: 32, red: 31, yellow: 33, gray: 90, bold: 1 } as const
type Tone = keyof typeof CODES

const MARKS: Record<ChecklistStatus | DiagnosticStepStatus, { color: string; plain: string; tone: Tone }> = {
  pass: { color: '✔', plain: 'PASS', tone: 'green' },
  fail: { color: '✘', plain: 'FAIL', tone: 'red' },
  pending: { color: '…', plain: 'WAIT', tone: 'yellow' },
  skipped: { color: '–', plain: 'SKIP', tone: 'gray' },
  not_run: { color: '·', plain: 'NOT RUN', tone: 'gray' }
}

export interface DoctorView {
  mode: 'local' | 'remote'
  target: string
  checklist: ChecklistReport
  diagnostics: DiagnosticsReport | null
  note: string | null
  ok: boolean
}

export function renderDoctor(v: DoctorView, paint: Paint): string {
  const c = (tone: Tone, s: string): string => (paint === 'color' ? `\x1b[${CODES[tone]}m${s}\x1b[0m` : s)
  const mark = (s: ChecklistStatus | DiagnosticStepStatus): string => {
    const m = MARKS[s]
    return c(m.tone, paint === 'color' ? m.color : `[${m.plain}]`.padEnd(9))
  }
  const lines: string[] = []
  lines.push(
    c(
      'bold',
      `Market Data Monitor — doctor (${v.mode === 'local' ? `engine run against ${v.target}` : `mirror at ${v.target}`})`
    ),
    ''
  )
  lines.push(c('bold', 'Checklist'))
  const width = Math.max(...v.checklist.items.map((i) => i.title.length))
  for (const i of v.checklist.items) {
    lines.push(`  ${mark(i.status)} ${i.title.padEnd(width)}  ${i.evidence}`)
    if (i.status === 'fail') for (const f of i.fix) lines.push(c('gray', `      → ${f}`))
  }
  lines.push('', v.checklist.summary)
  if (v.diagnostics) {
    const d = v.diagnostics
    lines.push('', c('bold', `Network diagnostics (${d.url}, ${d.symbol})`))
    const w = Math.max(...d.steps.map((s) => s.title.length))
    for (const s of d.steps) {
      const ms = s.duration_ms === null ? '' : ` (${s.duration_ms} ms)`
      lines.push(`  ${mark(s.status)} ${s.title.padEnd(w)}  ${s.verdict}${ms}`)
      for (const a of s.advice) lines.push(c('gray', `      → ${a}`))
    }
    if (d.proxy.note) lines.push(`  Proxy: ${d.proxy.note}`)
  }
  if (v.note) lines.push('', v.note)
  const n = v.checklist.counts
  // Stages turned off on purpose (no data dir, no --publish) are not checks this run makes.
  const judged = v.checklist.items.filter((i) => i.by_choice !== true).length
  const verdict = `${n.pass}/${judged} checks pass${v.diagnostics ? `, diagnostics ${v.diagnostics.ok ? 'pass' : `fail at ${v.diagnostics.failed_step ?? '?'}`}` : ''}`
  lines.push('', v.ok ? c('green', `OK: ${verdict}`) : c('red', `NOT OK: ${verdict}`), '')
  return lines.join('\n')
}
