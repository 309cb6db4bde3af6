// Wire shapes of the trade export: what the Export dialog asks for and, in the desktop app (where
// main writes the file the save dialog named), what it reports while writing and when done.

export const EXPORT_FORMATS = ['csv', 'parquet'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** One export: a symbol (or every symbol) over an inclusive range of exchange time (epoch ms). */
export interface ExportRequest {
  format: ExportFormat
  symbol?: string
  from?: number
  to?: number
}

/** Pushed while the desktop app writes an export (about every 100 ms and once at the end). */
export interface ExportProgress {
  /** The export this reports on (one at a time). */
  id: number
  bytes: number
  rows: number
  state: 'writing' | 'done' | 'cancelled' | 'failed'
  /** The file written (absolute path), when done. */
  file: string | null
  message: string | null
}

export interface ExportResult {
  /** false: the user closed the save dialog, the export was cancelled, or it failed (see message). */
  ok: boolean
  file: string | null
  rows: number
  bytes: number
  message: string
}
