// docs/error-codes.md is the code table people read: every code of the shared lists has its row
// there with the same meaning, and the document lists no code the app cannot produce.

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../../src/main/http/errors'
import { API_ERROR_MESSAGES, HTTP_ERROR_CODES } from '../../src/shared/api-error-codes'
import { COLLECTOR_ERROR_CODES, ERROR_MESSAGES, isCollectorErrorCode } from '../../src/shared/error-codes'
import { LOG_CODE_MEANINGS, LOG_CODES } from '../../src/shared/log-codes'

const DOC = readFileSync(resolve(__dirname, '../../docs/error-codes.md'), 'utf8')

/** The table rows (`| \`code\` | cells… |`) under the `## title` section, code → cells. */
function rows(title: string): Map<string, string[]> {
  const start = DOC.indexOf(`\n## ${title}\n`)
  expect(start, `section "## ${title}"`).toBeGreaterThanOrEqual(0)
  const end = DOC.indexOf('\n## ', start + 1)
  const section = DOC.slice(start, end < 0 ? undefined : end)
  const out = new Map<string, string[]>()
  for (const line of section.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line)
    if (!m) continue
    expect(out.has(m[1]), `${m[1]} listed twice in "${title}"`).toBe(false)
    out.set(
      m[1],
      m[2].split('|').map((c) => c.trim())
    )
  }
  return out
}

const sorted = (codes: Iterable<string>): string[] => [...codes].sort()

describe('docs/error-codes.md', () => {
  it('lists every collector error code once, with the meaning of the shared table and what to do', () => {
    const table = rows('Collector error codes')
    expect(sorted(table.keys())).toEqual(sorted(COLLECTOR_ERROR_CODES))
    for (const code of COLLECTOR_ERROR_CODES) {
      const [meaning, todo] = table.get(code)!
      expect(meaning, code).toBe(ERROR_MESSAGES[code])
      expect(todo, code).toMatch(/\w{3,}/)
    }
  })

  it('lists every log code: its own row, or its error code row when it is one', () => {
    const table = rows('Log codes')
    const errorRows = rows('Collector error codes')
    for (const code of LOG_CODES) {
      if (isCollectorErrorCode(code)) {
        expect(errorRows.has(code), code).toBe(true)
        expect(table.has(code), `${code} is documented as an error code`).toBe(false)
      } else {
        const [meaning, todo] = table.get(code) ?? []
        expect(meaning, code).toBe(LOG_CODE_MEANINGS[code])
        expect(todo, code).toMatch(/\w{3,}/)
      }
    }
    for (const code of table.keys()) expect(LOG_CODES, `documented log code ${code}`).toContain(code)
  })

  it('lists every API error code with its HTTP status', () => {
    const table = rows('API error codes')
    expect(sorted(table.keys())).toEqual(sorted(HTTP_ERROR_CODES))
    for (const code of HTTP_ERROR_CODES) {
      const [status, meaning] = table.get(code)!
      expect(Number(status), code).toBe(new HttpError(code, '').status)
      expect(meaning, code).toBe(API_ERROR_MESSAGES[code])
    }
  })
})
