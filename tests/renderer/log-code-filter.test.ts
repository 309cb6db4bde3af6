// The Logs view's code filter: entries with that code only, combined with level and search; a
// checklist link to a code shows every entry with it, whatever filters were set before.

import { describe, expect, it } from 'vitest'
import { filterLogs } from '../../src/renderer/src/lib/log-filter'
import { createAppStore } from '../../src/renderer/src/store/store'
import type { LogEntry } from '../../src/shared/dto'
import type { LogCode } from '../../src/shared/log-codes'

let seq = 0
const e = (level: LogEntry['level'], message: string, code?: LogCode): LogEntry => ({
  seq: seq++,
  at: Date.UTC(2026, 10, 28, 11, 25, 42, 123),
  level,
  logger: 'bybit_trades',
  message,
  ...(code ? { code } : {})
})

const entries = [
  e('INFO', 'Connecting to WebSocket: ws://127.0.0.1:9100/v5/public/spot'),
  e('WARNING', 'Parse error: invalid JSON', 'parse_error'),
  e('ERROR', 'WebSocket connection error: connect ECONNREFUSED 127.0.0.1:9100', 'ECONNREFUSED'),
  e('WARNING', 'Parse error: missing field p', 'parse_error'),
  e('WARNING', 'WebSocket closed for bybit_trades (code 1006)', 'ws_closed')
]

const messages = (f: Parameters<typeof filterLogs>[1]) => filterLogs(entries, f).map((x) => x.message)

describe('log code filter', () => {
  it('keeps only the entries with the code, with level and search applied too', () => {
    const any = { level: 'DEBUG', search: '', preset: null } as const
    expect(messages({ ...any, code: 'parse_error' })).toEqual([entries[1].message, entries[3].message])
    expect(messages({ ...any, code: 'parse_error', search: 'missing' })).toEqual([entries[3].message])
    expect(messages({ ...any, code: 'parse_error', level: 'ERROR' })).toEqual([])
    expect(messages({ ...any, code: 'ECONNREFUSED', preset: 'connection' })).toEqual([entries[2].message])
    expect(messages({ ...any, code: 'record_failed' })).toEqual([])
    expect(messages({ ...any, code: null })).toHaveLength(5)
  })

  it('a checklist link to a code resets the other filters so every entry with it shows', () => {
    const store = createAppStore()
    const s = store.getState()
    s.setLogLevel('ERROR')
    s.setLogSearch('ECONNREFUSED')
    s.toggleLogPreset('connection')
    s.showLogCode('parse_error')
    const { logLevel, logSearch, logPreset, logCode } = store.getState()
    expect({ logLevel, logSearch, logPreset, logCode }).toEqual({
      logLevel: 'DEBUG',
      logSearch: '',
      logPreset: null,
      logCode: 'parse_error'
    })
    expect(filterLogs(entries, { level: logLevel, search: logSearch, preset: logPreset, code: logCode })).toEqual([
      entries[1],
      entries[3]
    ])
    store.getState().setLogCode(null)
    expect(store.getState().logCode).toBeNull()
  })
})
