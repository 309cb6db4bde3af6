// The Export dialog's model, plain and tested apart from React: the form → one export request
// (symbol, time range from a preset or two local date-times, format), the mirror URL a browser
// downloads, the download itself read chunk by chunk with progress and a cancel, and the words.

import type { ExportFormat, ExportRequest } from '../../../shared/dto-export'
import { exportFileName } from '../../../shared/export-name'
import { fail, ok, type Parsed } from '../../../shared/validate'
import { fmtBytes, fmtInt } from './format'

export type RangePreset = 'hour' | 'day' | 'all' | 'custom'

export const RANGE_PRESETS: readonly { id: RangePreset; label: string }[] = [
  { id: 'hour', label: 'Last hour' },
  { id: 'day', label: 'Last day' },
  { id: 'all', label: 'All' },
  { id: 'custom', label: 'Custom' }
]

export interface ExportForm {
  /** '' : every symbol. */
  symbol: string
  preset: RangePreset
  /** `<input type="datetime-local">` values (local time, "2026-01-02T03:04"); used with `custom`. */
  customFrom: string
  customTo: string
  format: ExportFormat
}

const HOUR_MS = 3_600_000

/** A datetime-local value in the viewer's zone → epoch ms; null when empty or not a date. */
export function localInputToMs(value: string): number | null {
  if (value.trim() === '') return null
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? null : ms
}

/** Epoch ms → a datetime-local value in the viewer's zone (minutes). */
export function msToLocalInput(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The request the form asks for at `now`, or what is wrong with it (shown under the form). */
export function exportRequestOf(form: ExportForm, now: number): Parsed<ExportRequest> {
  const req: ExportRequest = { format: form.format }
  if (form.symbol !== '') req.symbol = form.symbol
  if (form.preset === 'hour' || form.preset === 'day') {
    req.from = now - (form.preset === 'hour' ? HOUR_MS : 24 * HOUR_MS)
    req.to = now
  } else if (form.preset === 'custom') {
    const from = localInputToMs(form.customFrom)
    const to = form.customTo.trim() === '' ? now : localInputToMs(form.customTo)
    if (from === null) return fail('Enter the start of the range (From)')
    if (to === null) return fail('The end of the range (To) is not a date and time')
    if (from > to) return fail('From is after To')
    req.from = from
    req.to = to
  }
  return ok(req)
}

/** The mirror path a browser downloads: `trades.csv` or `trades.parquet` with the request's query. */
export function exportPath(req: ExportRequest): string {
  const query = new URLSearchParams()
  if (req.symbol !== undefined) query.set('symbol', req.symbol)
  if (req.from !== undefined) query.set('from', String(req.from))
  if (req.to !== undefined) query.set('to', String(req.to))
  const qs = query.toString()
  return `/collectors/trades.${req.format}${qs ? `?${qs}` : ''}`
}

/** The name in `Content-Disposition: attachment; filename="…"`, else the one we would give it. */
export function filenameOf(disposition: string | null, req: ExportRequest): string {
  const m = disposition === null ? null : /filename="([^"/\\]+)"/.exec(disposition)
  return m ? m[1] : exportFileName(req, req.format)
}

export interface Progress {
  bytes: number
  /** Content-Length when the server sent one (Parquet), else null (CSV is streamed). */
  total: number | null
  rows?: number
}

export function progressText(p: Progress): string {
  const rows = p.rows !== undefined && p.rows > 0 ? ` · ${fmtInt(p.rows)} trades` : ''
  if (p.total === null || p.total <= 0) return `${fmtBytes(p.bytes)} received${rows}`
  const pct = Math.min(100, Math.floor((p.bytes / p.total) * 100))
  return `${fmtBytes(p.bytes)} of ${fmtBytes(p.total)} (${pct} %)${rows}`
}

export class DownloadError extends Error {
  constructor(
    message: string,
    /** The API error code the mirror answered with, when it did. */
    readonly code: string | null
  ) {
    super(message)
    this.name = 'DownloadError'
  }
}

export interface DownloadOptions {
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
  fetchFn?: typeof fetch
}

/**
 * Fetches an export and reads its body chunk by chunk, reporting the bytes received; the signal
 * cancels it (the promise rejects with the AbortError). A refusal (4xx/5xx) rejects with the
 * mirror's message and code.
 */
export async function downloadExport(
  url: string,
  req: ExportRequest,
  opts: DownloadOptions = {}
): Promise<{ blob: Blob; filename: string; bytes: number }> {
  const res = await (opts.fetchFn ?? fetch)(url, { signal: opts.signal })
  if (!res.ok) {
    let body: { error?: unknown; message?: unknown } = {}
    try {
      body = (await res.json()) as typeof body
    } catch {
      // not JSON: the status says enough
    }
    const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`
    throw new DownloadError(message, typeof body.error === 'string' ? body.error : null)
  }
  const length = Number(res.headers.get('content-length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  const chunks: Uint8Array[] = []
  let bytes = 0
  if (res.body !== null) {
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      bytes += value.byteLength
      opts.onProgress?.({ bytes, total })
    }
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream'
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    filename: filenameOf(res.headers.get('content-disposition'), req),
    bytes
  }
}
