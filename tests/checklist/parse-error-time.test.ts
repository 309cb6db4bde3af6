// When the last parse error happened is the collector's own record, not a search of the log ring:
// with a ring of a few lines, the parse error's line is pushed out by the lines after it, and the
// checklist still knows when it happened.

import { afterEach, describe, expect, it } from 'vitest'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { item } from './support'

let stack: Stack<null, null> | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

describe('last parse error time', () => {
  it('survives the log ring wrapping past the parse error line', async () => {
    stack = await startStack({
      simulator: { seed: 5 },
      engine: { settings: { symbols: ['BTCUSDT'] }, options: { logCapacity: 6 } }
    })
    const { engine, sim } = stack
    await waitSubscribed(engine)
    const before = Date.now()
    sim.sendRaw('spot', 'not json at all')
    await waitFor(() => engine.log.recent(10).some((e) => e.code === 'parse_error'), { what: 'the parse error logged' })
    const after = Date.now()
    // Each stored trade logs two lines: five of them push everything older out of a ring of six.
    sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => engine.storage.totalTrades === 5, { what: 'five trades stored' })
    await waitFor(() => !engine.log.recent(10).some((e) => e.code === 'parse_error'), { what: 'the ring wrapped' })

    const r = await engine.handlers.getChecklist()
    const parsed = item(r, 'parsed_correctly')
    expect(parsed.status).toBe('fail')
    const at = parsed.facts.last_parse_error_at as number
    expect(at).toBeGreaterThanOrEqual(before)
    expect(at).toBeLessThanOrEqual(after)
    expect(parsed.evidence).toContain(`1 parse error in `)
    expect(parsed.evidence).toContain(`; last at ${new Date(at).toISOString()} (`)
    expect(engine.manager.get('bybit_trades')!.counters.lastParseErrorAt).toBe(at)
  })
})
