// The desktop app's Export: the host asks where to save (a native save dialog, injected as
// `chooseFile`), then this writes the file in the main process and reports progress as `export`
// events. Plain Node: the Electron glue only supplies the dialog. One export at a time; it is
// written to `<file>.part` and renamed when complete, so a cancelled or failed export leaves no
// half file under the chosen name.

import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import type { ActionResult } from '../../../shared/dto'
import type { ExportProgress, ExportRequest, ExportResult } from '../../../shared/dto-export'
import { ApiError } from '../../../shared/contract'
import { errorMessage } from '../../../shared/guards'
import { exportFileName } from '../../../shared/export-name'
import { CSV_HEADER, csvRow } from './csv-rows'
import { exportParquet, exportRange, type HistorySources } from './trade-history'

/** Asks the user where to save; null: the dialog was closed. */
export type ChooseFile = (suggestedName: string) => Promise<string | null>

export interface FileExportDeps {
  sources: () => HistorySources
  chooseFile: ChooseFile | null
  emit: (progress: ExportProgress) => void
  /** Least time between two `writing` events. */
  progressEveryMs?: number
}

class Cancelled extends Error {}

interface Running {
  id: number
  cancelled: boolean
}

/** One export being written: where it goes, what it asks for, and its counts so far. */
interface Job {
  run: Running
  req: ExportRequest
  part: string
  progress: { rows: number; bytes: number }
  report: (state: 'writing', message: null) => void
}

export class FileExporter {
  private nextId = 1
  private running: Running | null = null

  constructor(private readonly deps: FileExportDeps) {}

  async save(req: ExportRequest): Promise<ExportResult> {
    const choose = this.deps.chooseFile
    if (choose === null) {
      throw new ApiError(
        'unavailable',
        'saving an export to a file is the desktop app’s; in a browser download GET /collectors/trades.csv or trades.parquet'
      )
    }
    if (this.running !== null)
      throw new ApiError('bad_request', 'an export is already being written; wait or cancel it')
    const run: Running = { id: this.nextId++, cancelled: false }
    this.running = run
    try {
      const file = await choose(exportFileName(req, req.format))
      if (file === null)
        return { ok: false, file: null, rows: 0, bytes: 0, message: 'Export cancelled: no file chosen' }
      return await this.write(run, req, file)
    } finally {
      this.running = null
    }
  }

  cancel(): ActionResult {
    if (this.running === null) return { ok: false, message: 'No export is being written' }
    this.running.cancelled = true
    return { ok: true, message: 'Export cancelled' }
  }

  private async write(run: Running, req: ExportRequest, file: string): Promise<ExportResult> {
    const part = `${file}.part`
    const progress = { rows: 0, bytes: 0 }
    const report = (state: ExportProgress['state'], message: string | null, done: string | null = null): void =>
      this.deps.emit({ id: run.id, ...progress, state, file: done, message })
    try {
      const job: Job = { run, req, part, progress, report }
      if (req.format === 'parquet') progress.rows = await this.parquet(job)
      else await this.csv(job)
      if (run.cancelled) throw new Cancelled()
      await rename(part, file)
      progress.bytes = (await stat(file)).size
      const message = `Saved ${progress.rows} trades to ${file}`
      report('done', message, file)
      return { ok: true, file, ...progress, message }
    } catch (err) {
      await rm(part, { force: true })
      const cancelled = err instanceof Cancelled
      const message = cancelled ? 'Export cancelled' : `Export failed: ${errorMessage(err)}`
      report(cancelled ? 'cancelled' : 'failed', message)
      return { ok: false, file: null, ...progress, message }
    }
  }

  private async csv({ run, req, part, progress, report }: Job): Promise<void> {
    const out = createWriteStream(part)
    const opened = new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve())
      out.once('error', reject)
    })
    try {
      await opened
      await writeText(out, CSV_HEADER)
      progress.bytes += Buffer.byteLength(CSV_HEADER)
      let last = 0
      for await (const batch of exportRange(this.deps.sources(), req)) {
        if (run.cancelled) throw new Cancelled()
        const text = batch.map((t) => csvRow(t.toDto())).join('')
        await writeText(out, text)
        progress.rows += batch.length
        progress.bytes += Buffer.byteLength(text)
        if (Date.now() - last >= (this.deps.progressEveryMs ?? 100)) {
          last = Date.now()
          report('writing', null)
        }
      }
    } finally {
      await new Promise<void>((resolve) => out.end(() => resolve()))
    }
  }

  /** DuckDB writes the file in one call: the size of the growing file is the progress. */
  private async parquet({ run, req, part, progress, report }: Job): Promise<number> {
    const timer = setInterval(() => {
      stat(part).then(
        (s) => {
          progress.bytes = s.size
          if (!run.cancelled) report('writing', null)
        },
        () => undefined
      )
    }, this.deps.progressEveryMs ?? 100)
    try {
      return await exportParquet(this.deps.sources(), req, part)
    } finally {
      clearInterval(timer)
    }
  }
}

function writeText(out: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()))
  })
}
