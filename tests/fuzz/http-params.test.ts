// Property-based fuzzing of the mirror's parameters: the contract's parsers with arbitrary raw
// records, then real HTTP requests with fuzzed query strings and path segments against the
// mirror on 127.0.0.1. Always a JSON 2xx/4xx, never a 5xx, never a stack trace.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MirrorHandle } from '../../src/main/http'
import { API_CALLS, type CallName } from '../../src/shared/contract'
import { startStack, type Stack } from '../support/stack'

const FUZZ = { parsers: 0, http: 0 }
let stack: Stack<MirrorHandle>

beforeAll(async () => {
  stack = await startStack({ mirror: true })
})
afterAll(async () => {
  await stack.close()
  console.log(`FUZZ_CASES ${JSON.stringify(FUZZ)}`)
})

const rawValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('0', '-1', '1e9', 'abc', 'NaN', '1.5', '99999999999999999999', '', ' 5', '0x10', '__proto__'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 })
)

describe('fuzz: mirror parameters', () => {
  it('every contract parser answers ok/fail for arbitrary raw records and never throws (10,000 cases)', () => {
    const names = Object.keys(API_CALLS) as CallName[]
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom('limit', 'symbol', 'name', 'level', 'category', 'symbols', '__proto__'),
            fc.string()
          ),
          rawValue,
          { maxKeys: 4 }
        ),
        (name, raw) => {
          FUZZ.parsers++
          const r = (API_CALLS[name].parse as (x: Record<string, unknown>) => { ok: boolean; error?: unknown })(raw)
          expect(typeof r.ok).toBe('boolean')
          if (!r.ok) expect(typeof r.error).toBe('string')
        }
      ),
      { numRuns: 10_000, seed: 99 }
    )
  })

  it('real GET requests with fuzzed query strings and names: JSON 2xx/4xx only, no stack traces (600 cases)', async () => {
    const paths = [
      '/collectors/trades',
      '/debug/logs',
      '/collectors/status/',
      '/health',
      '/collectors/gaps',
      '/metrics'
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.array(fc.tuple(fc.constantFrom('limit', 'symbol', 'level', 'x'), fc.string({ maxLength: 12 })), {
          maxLength: 3
        }),
        fc.string({ maxLength: 12 }),
        async (p, params, name) => {
          FUZZ.http++
          const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
          const target = `${stack.mirror.url}${p}${p.endsWith('/') ? encodeURIComponent(name) || 'x' : ''}${qs ? `?${qs}` : ''}`
          const res = await fetch(target)
          const text = await res.text()
          expect(res.status, `${target} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
          expect(text).not.toMatch(/\n\s+at [\w.<>]+ \(/)
          if (p !== '/metrics') {
            expect(res.headers.get('content-type')).toMatch(/application\/json/)
            expect(() => JSON.parse(text)).not.toThrow()
          }
        }
      ),
      { numRuns: 600, seed: 5 }
    )
  })
})
