import { useEffect, useRef, useState } from 'react'
import type { ExportProgress } from '../../../shared/dto-export'
import type { PersistState } from '../../../shared/dto-durable'
import { errorMessage } from '../../../shared/guards'
import { useServices } from '../app-context'
import { SymbolSelect } from '../components/SymbolSelect'
import { useNow } from '../hooks/use-now'
import { fmtBytes } from '../lib/format'
import {
  downloadExport,
  exportPath,
  exportRequestOf,
  msToLocalInput,
  progressText,
  RANGE_PRESETS,
  type ExportForm,
  type Progress
} from '../lib/export-model'
import './export-dialog.css'

type Phase = { kind: 'form' } | { kind: 'running'; progress: Progress } | { kind: 'done'; ok: boolean; message: string }

/** Saves the blob under its name: an object URL on a temporary link, clicked, then revoked. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Export trades: a symbol, a time range (a preset or two local times) and CSV or Parquet. In a browser
 * the file is downloaded from the mirror with the bytes received shown and a Cancel; in the desktop
 * app main asks where to save and writes the file, reporting progress.
 */
export function ExportDialog({
  symbols,
  initialSymbol,
  onClose
}: {
  symbols: string[]
  initialSymbol: string
  onClose: () => void
}) {
  const { api } = useServices()
  const desktop = api.transport === 'electron'
  const dialogRef = useRef<HTMLDialogElement>(null)
  const abortRef = useRef<AbortController | null>(null)
  const [persist, setPersist] = useState<PersistState | null>(null)
  const [form, setForm] = useState<ExportForm>(() => ({
    symbol: initialSymbol,
    preset: 'hour',
    customFrom: msToLocalInput(Date.now() - 3_600_000),
    customTo: '',
    format: 'csv'
  }))
  const [phase, setPhase] = useState<Phase>({ kind: 'form' })

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    api.getHistory().then(
      (h) => setPersist(h.persist.state),
      () => setPersist(null)
    )
    return () => {
      abortRef.current?.abort()
      dialog?.close()
    }
  }, [api])

  useEffect(() => {
    if (!desktop) return
    return api.subscribe('export', (p: ExportProgress) => {
      if (p.state === 'writing') setPhase({ kind: 'running', progress: { bytes: p.bytes, total: null, rows: p.rows } })
    })
  }, [api, desktop])

  const parquetOff = persist === 'off'
  const now = useNow(5000)
  const request = exportRequestOf(form, now)
  const running = phase.kind === 'running'
  const set = (patch: Partial<ExportForm>): void => {
    setForm((f) => ({ ...f, ...patch }))
    if (phase.kind === 'done') setPhase({ kind: 'form' })
  }

  const start = (): void => {
    const req = exportRequestOf(form, Date.now())
    if (!req.ok) return
    setPhase({ kind: 'running', progress: { bytes: 0, total: null } })
    if (desktop) {
      api.saveTradesExport(req.value).then(
        (r) => setPhase({ kind: 'done', ok: r.ok, message: r.message }),
        (err: unknown) => setPhase({ kind: 'done', ok: false, message: errorMessage(err) })
      )
      return
    }
    const abort = new AbortController()
    abortRef.current = abort
    const base = api.endpoint.startsWith('http') ? api.endpoint : ''
    downloadExport(base + exportPath(req.value), req.value, {
      signal: abort.signal,
      onProgress: (progress) => setPhase({ kind: 'running', progress })
    }).then(
      ({ blob, filename, bytes }) => {
        saveBlob(blob, filename)
        setPhase({
          kind: 'done',
          ok: true,
          message: `Downloaded ${filename} (${fmtBytes(bytes)})`
        })
      },
      (err: unknown) => {
        const cancelled = err instanceof Error && err.name === 'AbortError'
        setPhase({ kind: 'done', ok: false, message: cancelled ? 'Export cancelled' : errorMessage(err) })
      }
    )
  }

  const cancel = (): void => {
    if (!running) return onClose()
    if (desktop) void api.cancelTradesExport()
    else abortRef.current?.abort()
  }

  return (
    <dialog
      ref={dialogRef}
      className="modal export-dialog"
      aria-labelledby="export-title"
      data-testid="export-dialog"
      onCancel={(e) => {
        e.preventDefault()
        if (!running) onClose()
      }}
    >
      <div className="modal-body">
        <h3 id="export-title">Export trades</h3>
        <div className="export-grid">
          <span className="export-label">Symbol</span>
          <SymbolSelect
            symbols={symbols}
            value={form.symbol}
            disabled={running}
            onChange={(symbol) => set({ symbol })}
            testId="export-symbol"
          />

          <span className="export-label">Time range</span>
          <div className="row gap" role="radiogroup" aria-label="Time range">
            {RANGE_PRESETS.map((p) => (
              <button
                key={p.id}
                role="radio"
                aria-checked={form.preset === p.id}
                className={`btn small chip ${form.preset === p.id ? 'active' : ''}`}
                disabled={running}
                onClick={() => set({ preset: p.id })}
                data-testid={`export-range-${p.id}`}
              >
                {p.label}
              </button>
            ))}
          </div>

          {form.preset === 'custom' ? (
            <>
              <span className="export-label">From</span>
              <input
                type="datetime-local"
                className="input"
                value={form.customFrom}
                disabled={running}
                onChange={(e) => set({ customFrom: e.target.value })}
                data-testid="export-from"
              />
              <span className="export-label">To</span>
              <input
                type="datetime-local"
                className="input"
                value={form.customTo}
                placeholder="now"
                disabled={running}
                onChange={(e) => set({ customTo: e.target.value })}
                data-testid="export-to"
                title="Empty: up to now"
              />
            </>
          ) : null}

          <span className="export-label">Format</span>
          <div className="row gap" role="radiogroup" aria-label="Format">
            {(['csv', 'parquet'] as const).map((f) => (
              <button
                key={f}
                role="radio"
                aria-checked={form.format === f}
                className={`btn small chip ${form.format === f ? 'active' : ''}`}
                disabled={running || (f === 'parquet' && parquetOff)}
                title={
                  f === 'parquet' && parquetOff
                    ? 'Parquet is written from disk: persistence is off (--no-persist)'
                    : undefined
                }
                onClick={() => set({ format: f })}
                data-testid={`export-format-${f}`}
              >
                {f === 'csv' ? 'CSV' : 'Parquet'}
              </button>
            ))}
          </div>
        </div>

        <p className="export-note" data-testid="export-note">
          {parquetOff
            ? 'Persistence is off (--no-persist): only the trades held in memory can be exported, as CSV.'
            : 'Trades older than memory holds are read from disk.'}{' '}
          {desktop ? 'You choose where to save.' : 'Your browser saves the download.'}
        </p>

        {!request.ok ? (
          <div className="action-result bad" data-testid="export-invalid">
            {request.error}
          </div>
        ) : null}
        {phase.kind === 'running' ? (
          <div className="export-progress" data-testid="export-progress" aria-live="polite">
            <span className="spinner" aria-hidden /> {progressText(phase.progress)}
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <div className={`action-result ${phase.ok ? 'ok' : 'bad'}`} data-testid="export-result">
            {phase.message}
          </div>
        ) : null}

        <div className="modal-actions">
          <button className="btn" onClick={cancel} data-testid="export-cancel">
            {running ? 'Cancel export' : phase.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
          <button className="btn primary" onClick={start} disabled={running || !request.ok} data-testid="export-start">
            {desktop ? 'Save…' : 'Download'}
          </button>
        </div>
      </div>
    </dialog>
  )
}

/** The Export button of the tape and storage views; `compact`: an arrow only (the tape's full toolbar). */
export function ExportButton({
  symbols,
  initialSymbol = '',
  compact = false
}: {
  symbols: string[]
  initialSymbol?: string
  compact?: boolean
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        className={`btn small ${compact ? 'export-compact' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="export-open"
        title="Export trades as CSV or Parquet…"
        aria-label="Export trades…"
      >
        {compact ? '⤓' : 'Export…'}
      </button>
      {open ? <ExportDialog symbols={symbols} initialSymbol={initialSymbol} onClose={() => setOpen(false)} /> : null}
    </>
  )
}
