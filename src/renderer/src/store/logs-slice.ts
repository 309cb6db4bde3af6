import type { LogEntry, LogLevel } from '../../../shared/dto'
import type { LogCode } from '../../../shared/log-codes'
import type { LogPresetId } from '../lib/log-filter'
import type { Slice } from './types'

export const LOG_CAPACITY = 2000

export interface LogsSlice {
  logs: LogEntry[]
  logLevel: LogLevel
  logSearch: string
  logPreset: LogPresetId | null
  /** Only entries with this code; null: any. */
  logCode: LogCode | null
  setLogs(entries: readonly LogEntry[]): void
  addLogs(entries: readonly LogEntry[]): void
  setLogLevel(level: LogLevel): void
  setLogSearch(search: string): void
  /** Clicking the active preset again turns it off. */
  toggleLogPreset(preset: LogPresetId): void
  setLogCode(code: LogCode | null): void
  /** Every entry with `code` and nothing else in the way: the other filters are reset (a checklist link). */
  showLogCode(code: LogCode): void
}

function merge(current: readonly LogEntry[], incoming: readonly LogEntry[]): LogEntry[] {
  const lastSeq = current.length ? current[current.length - 1].seq : -1
  const fresh = incoming.filter((e) => e.seq > lastSeq).sort((a, b) => a.seq - b.seq)
  if (fresh.length === 0) return current as LogEntry[]
  const all = current.concat(fresh)
  return all.length > LOG_CAPACITY ? all.slice(all.length - LOG_CAPACITY) : all
}

export const createLogsSlice: Slice<LogsSlice> = (set) => ({
  logs: [],
  logLevel: 'DEBUG',
  logSearch: '',
  logPreset: null,
  logCode: null,
  setLogs: (entries) => set({ logs: merge([], entries) }),
  addLogs: (entries) =>
    set((s) => {
      const logs = merge(s.logs, entries)
      return logs === s.logs ? s : { logs }
    }),
  setLogLevel: (logLevel) => set({ logLevel }),
  setLogSearch: (logSearch) => set({ logSearch }),
  toggleLogPreset: (preset) => set((s) => ({ logPreset: s.logPreset === preset ? null : preset })),
  setLogCode: (logCode) => set({ logCode }),
  showLogCode: (logCode) => set({ logCode, logLevel: 'DEBUG', logSearch: '', logPreset: null })
})
