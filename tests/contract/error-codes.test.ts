// The code tables: every code listed once, every code explained, system codes kept as the system
// spells them and anything unlisted folded into one documented code. The `@ts-expect-error` lines
// are the compiler's half of the contract: `tsc -p tsconfig.test.json` fails if a code is a plain string again.

import { describe, expect, it } from 'vitest'
import { RingLog } from '../../src/main/core/log/engine-log'
import { API_ERROR_CODES, API_ERROR_MESSAGES, HTTP_ERROR_CODES } from '../../src/shared/api-error-codes'
import type { ChecklistLink, ErrorInfo, LogEntry } from '../../src/shared/dto'
import {
  COLLECTOR_ERROR_CODES,
  ERROR_MESSAGES,
  isCollectorErrorCode,
  socketErrorCode,
  upgradeErrorCode
} from '../../src/shared/error-codes'
import { isLogCode, LOG_CODE_GROUPS, LOG_CODE_MEANINGS, LOG_CODES } from '../../src/shared/log-codes'

const unique = (codes: readonly string[]): boolean => new Set(codes).size === codes.length

describe('error and log code tables', () => {
  it('lists every code once, each with a one-line meaning', () => {
    expect(unique(COLLECTOR_ERROR_CODES)).toBe(true)
    expect(unique(LOG_CODES)).toBe(true)
    expect(unique(HTTP_ERROR_CODES)).toBe(true)
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...COLLECTOR_ERROR_CODES].sort())
    expect(Object.keys(API_ERROR_MESSAGES).sort()).toEqual([...HTTP_ERROR_CODES].sort())
    for (const code of LOG_CODES) expect(LOG_CODE_MEANINGS[code], code).toMatch(/^[^\n]{10,}$/)
    for (const code of COLLECTOR_ERROR_CODES) expect(ERROR_MESSAGES[code], code).toMatch(/^[^\n]{10,}$/)
    expect(Object.values(LOG_CODE_GROUPS).flat()).toEqual([...LOG_CODES])
  })

  it('keeps listed system codes and folds the rest into ws_error / upgrade_refused', () => {
    expect(socketErrorCode('ECONNREFUSED')).toBe('ECONNREFUSED')
    expect(socketErrorCode('WS_ERR_INVALID_UTF8')).toBe('WS_ERR_INVALID_UTF8')
    expect(socketErrorCode('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(socketErrorCode('EWHATEVER')).toBe('ws_error')
    expect(socketErrorCode(undefined)).toBe('ws_error')
    // an error code that is not a connection's is not a socket error either
    expect(socketErrorCode('storage_fault')).toBe('ws_error')
    expect(upgradeErrorCode(503)).toBe('http_503')
    expect(upgradeErrorCode(418)).toBe('upgrade_refused')
    expect(isCollectorErrorCode('parse_error')).toBe(false)
    expect(isLogCode('parse_error')).toBe(true)
    expect(isLogCode('Parse error')).toBe(false)
    expect(API_ERROR_CODES).toContain('bad_request')
  })

  it('types ErrorInfo.code, LogEntry.code and log calls by the tables', () => {
    const log = new RingLog({ capacity: 4 })
    log.log('WARNING', 'bybit_trades', 'Parse error: x', 'parse_error')
    // @ts-expect-error an unknown log code does not compile
    log.log('WARNING', 'bybit_trades', 'x', 'parse_eror')
    const entry: LogEntry = { seq: 1, at: 0, level: 'INFO', logger: 'x', message: 'm', code: 'ws_closed' }
    // @ts-expect-error an unknown log code does not compile
    const bad: LogEntry = { ...entry, code: 'closed_ws' }
    const err: ErrorInfo = { code: 'http_503', message: 'Unexpected server response: 503', at: 0 }
    // @ts-expect-error an unknown error code does not compile
    const badErr: ErrorInfo = { ...err, code: 'http_999' }
    // @ts-expect-error a checklist link filters the logs by a known code only
    const link: ChecklistLink = { view: 'logs', code: 'Parse error' }
    expect([bad.code, badErr.code, link.code]).toEqual(['closed_ws', 'http_999', 'Parse error'])
    expect(log.recent(10).map((e) => e.code)).toEqual(['parse_error', 'parse_eror'])
  })
})
