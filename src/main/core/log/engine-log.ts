import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../../shared/dto'
import type { LogCode } from '../../../shared/log-codes'
import type { EngineLog } from '../engine-facade'

const LEVEL_RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 }

/** A `--log-level` value: Python logging's level name in lower case. */
export type LogLevelName = Lowercase<LogLevel>

/** `--log-level` values: the shared levels, lower-cased. */
export const LOG_LEVEL_NAMES: readonly LogLevelName[] = LOG_LEVELS.map((l) => l.toLowerCase() as LogLevelName)

export function logLevelOf(name: LogLevelName): LogLevel {
  return name.toUpperCase() as LogLevel
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** Python logging's default time format, local time: `2026-11-28 11:25:42,123`. */
export function formatLogTime(at: number): string {
  const d = new Date(at)
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`
  )
}

/** `2026-11-28 11:25:42,123 - bybit_trades - INFO - message`, so the guide's grep filters work. */
export function formatLogLine(e: LogEntry): string {
  return `${formatLogTime(e.at)} - ${e.logger} - ${e.level} - ${e.message}`
}

export interface LogOptions {
  /** Entries kept for `/debug/logs` and the UI. */
  capacity?: number
  /** Print each entry to stdout (headless); off in tests and in Electron. */
  stdout?: boolean
  /** Entries below this level are neither kept nor printed. */
  minLevel?: LogLevel
  /** Entries below this level are kept (UI, `/debug/logs`) but not printed. Default INFO. */
  stdoutLevel?: LogLevel
  now?: () => number
}

/** A bounded ring of structured entries, optionally mirrored to stdout, with listeners for batching. */
export class RingLog implements EngineLog {
  private readonly entries: LogEntry[] = []
  private head = 0
  private seq = 0
  private readonly capacity: number
  private readonly minRank: number
  private readonly stdoutRank: number
  private readonly now: () => number
  private readonly listeners = new Set<(e: LogEntry) => void>()
  stdout: boolean

  constructor(opts: LogOptions = {}) {
    this.capacity = opts.capacity ?? 5000
    this.stdout = opts.stdout ?? false
    this.minRank = LEVEL_RANK[opts.minLevel ?? 'DEBUG']
    this.stdoutRank = LEVEL_RANK[opts.stdoutLevel ?? 'INFO']
    this.now = opts.now ?? Date.now
  }

  log(level: LogLevel, logger: string, message: string, code?: LogCode): void {
    if (LEVEL_RANK[level] < this.minRank) return
    const entry: LogEntry = { seq: ++this.seq, at: this.now(), level, logger, message }
    if (code !== undefined) entry.code = code
    if (this.entries.length < this.capacity) this.entries.push(entry)
    else {
      this.entries[this.head] = entry
      this.head = (this.head + 1) % this.capacity
    }
    if (this.stdout && LEVEL_RANK[level] >= this.stdoutRank) process.stdout.write(formatLogLine(entry) + '\n')
    for (const l of this.listeners) l(entry)
  }

  /** Newest last, at most `limit`, optionally only `level` and above, and only `code`. */
  recent(limit: number, level?: LogLevel, code?: LogCode): LogEntry[] {
    const ordered = this.entries.slice(this.head).concat(this.entries.slice(0, this.head))
    const rank = level ? LEVEL_RANK[level] : 0
    const picked =
      rank > 0 || code !== undefined
        ? ordered.filter((e) => LEVEL_RANK[e.level] >= rank && (code === undefined || e.code === code))
        : ordered
    return picked.slice(Math.max(0, picked.length - limit))
  }

  onEntry(listener: (e: LogEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** A logger bound to one name, e.g. `bybit_trades`. */
export class NamedLog {
  constructor(
    private readonly sink: EngineLog,
    readonly name: string
  ) {}
  debug(message: string, code?: LogCode): void {
    this.sink.log('DEBUG', this.name, message, code)
  }
  info(message: string, code?: LogCode): void {
    this.sink.log('INFO', this.name, message, code)
  }
  warning(message: string, code?: LogCode): void {
    this.sink.log('WARNING', this.name, message, code)
  }
  error(message: string, code?: LogCode): void {
    this.sink.log('ERROR', this.name, message, code)
  }
}
