// The log file in the data dir's `logs/` folder (serve, demo and the desktop app, whose log folder the
// error page names): each engine log line as serve prints it to stdout, appended as it comes, the file
// rotated by size (market-data-monitor.log, then market-data-monitor.1.log … the oldest dropped). A failure to write is reported once and never thrown: the app keeps running.

import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../shared/dto'
import { errorMessage } from '../../shared/guards'
import { formatLogLine } from '../core/log/engine-log'

export const LOG_FILE_NAME = 'market-data-monitor.log'
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024
/** Files kept, the current one included. */
export const LOG_FILES_KEPT = 5

export interface LogFileOptions {
  dir: string
  /** Entries below this level are not written (the same `--log-level` / MDM_LOG_LEVEL as stdout). */
  minLevel: LogLevel
  maxBytes?: number
  kept?: number
  /** Told about the first failure only (the log line it writes comes back here: it must not recurse). */
  onError: (message: string) => void
}

export class LogFile {
  private fd: number | null = null
  private size = 0
  private failed = false
  private readonly minRank: number
  private readonly maxBytes: number
  private readonly kept: number

  constructor(private readonly opts: LogFileOptions) {
    this.minRank = LOG_LEVELS.indexOf(opts.minLevel)
    this.maxBytes = opts.maxBytes ?? LOG_FILE_MAX_BYTES
    this.kept = Math.max(1, opts.kept ?? LOG_FILES_KEPT)
  }

  /** `market-data-monitor.log`, `market-data-monitor.1.log`, … oldest last. */
  fileName(index: number): string {
    return join(this.opts.dir, index === 0 ? LOG_FILE_NAME : LOG_FILE_NAME.replace(/\.log$/, `.${index}.log`))
  }

  write(entry: LogEntry): void {
    if (LOG_LEVELS.indexOf(entry.level) < this.minRank) return
    const line = Buffer.from(`${formatLogLine(entry)}\n`, 'utf8')
    try {
      let fd = this.fd ?? this.open()
      if (this.size > 0 && this.size + line.length > this.maxBytes) {
        this.rotate()
        fd = this.open()
      }
      writeSync(fd, line)
      this.size += line.length
    } catch (err) {
      this.close()
      this.report(err)
    }
  }

  close(): void {
    if (this.fd === null) return
    const fd = this.fd
    this.fd = null
    try {
      closeSync(fd)
    } catch {
      // already gone: nothing left to flush
    }
  }

  private open(): number {
    mkdirSync(this.opts.dir, { recursive: true })
    const fd = openSync(this.fileName(0), 'a')
    this.size = statSync(this.fileName(0)).size
    this.fd = fd
    return fd
  }

  private rotate(): void {
    this.close()
    rmSync(this.fileName(this.kept - 1), { force: true })
    for (let i = this.kept - 2; i >= 0; i--) {
      try {
        renameSync(this.fileName(i), this.fileName(i + 1))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    this.size = 0
  }

  private report(err: unknown): void {
    if (this.failed) return
    this.failed = true
    this.opts.onError(
      `The log file ${this.fileName(0)} cannot be written (${errorMessage(err)}); logging goes on in the app only`
    )
  }
}

/** What `attachLogFile` reads: the engine's log ring. */
export interface LogSource {
  recent(limit: number): LogEntry[]
  onEntry(listener: (e: LogEntry) => void): () => void
}

/**
 * Writes the engine's log lines to the log file from now on, after the `backlog` lines already in
 * the ring (what start logged before the data dir was known to be ours). Returns the closer.
 */
export function attachLogFile(source: LogSource, opts: LogFileOptions, backlog = 0): () => void {
  const file = new LogFile(opts)
  for (const e of backlog > 0 ? source.recent(backlog) : []) file.write(e)
  const unhook = source.onEntry((e) => file.write(e))
  return () => {
    unhook()
    file.close()
  }
}
