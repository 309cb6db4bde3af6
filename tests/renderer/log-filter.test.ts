import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../src/shared/dto'
import { filterLogs, formatLogLine, LOG_PRESETS } from '../../src/renderer/src/lib/log-filter'

let seq = 0
const e = (level: LogEntry['level'], message: string, logger = 'bybit_trades'): LogEntry => ({
  seq: seq++,
  at: Date.UTC(2026, 10, 28, 11, 25, 42, 123),
  level,
  logger,
  message
})

const entries = [
  e('INFO', 'Connecting to WebSocket: wss://stream.bybit.com/v5/public/spot'),
  e('INFO', 'Successfully subscribed to: publicTrade.BTCUSDT'),
  e('DEBUG', 'Stored trade #1: BTCUSDT BUY 100@1'),
  e('INFO', 'Total trades for BTCUSDT: 1'),
  e('WARNING', 'No data for 60 s'),
  e('ERROR', 'Storage write failed', 'storage'),
  e('INFO', 'Mirror listening on http://127.0.0.1:8000', 'mirror')
]

const messages = (preset: (typeof LOG_PRESETS)[number]['id'] | null, level: LogEntry['level'] = 'DEBUG', search = '') =>
  filterLogs(entries, { level, search, preset }).map((x) => x.message)

describe('log filters', () => {
  it('prints lines the way stdout does, so greps agree', () => {
    expect(formatLogLine(entries[0])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,123 - bybit_trades - INFO - Connecting/)
  })

  it('presets are the guide’s grep -E patterns', () => {
    expect(Object.fromEntries(LOG_PRESETS.map((p) => [p.id, p.pattern]))).toEqual({
      connection: 'WebSocket|Connecting|connection|subscribed',
      storage: 'Storage|Stored trade|Total trades',
      errors: 'ERROR|WARNING',
      tradeFlow: 'Stored trade|Total trades|trades'
    })
    expect(messages('connection')).toEqual([entries[0].message, entries[1].message])
    expect(messages('storage')).toEqual([entries[2].message, entries[3].message, entries[5].message])
    expect(messages('errors')).toEqual([entries[4].message, entries[5].message])
    // "trades" also matches the logger name bybit_trades, exactly as grep on stdout would
    expect(messages('tradeFlow')).toHaveLength(5)
  })

  it('combines level, search and preset', () => {
    expect(messages(null, 'WARNING')).toEqual([entries[4].message, entries[5].message])
    expect(messages(null, 'DEBUG', 'btcusdt')).toHaveLength(3)
    expect(messages('storage', 'INFO', 'total')).toEqual([entries[3].message])
  })
})
