// The log view's filters. Presets are the troubleshooting guide's `grep -E` patterns, matched
// case-sensitively against the line exactly as stdout prints it, so the UI and a grep agree.

import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../../shared/dto'
import type { LogCode } from '../../../shared/log-codes'
import { fmtLogTime } from './format'

export type LogPresetId = 'connection' | 'storage' | 'errors' | 'tradeFlow'

export interface LogPreset {
  id: LogPresetId
  label: string
  pattern: string
}

export const LOG_PRESETS: readonly LogPreset[] = [
  { id: 'connection', label: 'Connection', pattern: 'WebSocket|Connecting|connection|subscribed' },
  { id: 'storage', label: 'Storage', pattern: 'Storage|Stored trade|Total trades' },
  { id: 'errors', label: 'Errors', pattern: 'ERROR|WARNING' },
  { id: 'tradeFlow', label: 'Trade flow', pattern: 'Stored trade|Total trades|trades' }
]

export { LOG_LEVELS }
const LEVEL_RANK: Record<LogLevel, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 }

export interface LogFilter {
  /** Minimum level shown. */
  level: LogLevel
  /** Case-insensitive substring of the printed line. */
  search: string
  preset: LogPresetId | null
  /** Only entries with this code (absent or null: any). */
  code?: LogCode | null
}

/** `2026-11-28 11:25:42,123 - bybit_trades - INFO - message`, as stdout prints it. */
export function formatLogLine(e: LogEntry): string {
  return `${fmtLogTime(e.at)} - ${e.logger} - ${e.level} - ${e.message}`
}

const presetRegex = new Map(LOG_PRESETS.map((p) => [p.id, new RegExp(p.pattern)]))

export function logMatches(e: LogEntry, f: LogFilter): boolean {
  if (LEVEL_RANK[e.level] < LEVEL_RANK[f.level]) return false
  if (f.code && e.code !== f.code) return false
  if (!f.preset && !f.search) return true
  const line = formatLogLine(e)
  if (f.preset && !presetRegex.get(f.preset)!.test(line)) return false
  if (f.search && !line.toLowerCase().includes(f.search.toLowerCase())) return false
  return true
}

export function filterLogs(entries: readonly LogEntry[], f: LogFilter): LogEntry[] {
  return entries.filter((e) => logMatches(e, f))
}
