import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/simulator'
import { TestClient } from './client'
import { runScript } from '../support/child-script'
import { waitFor } from '../support/wait-for'

const KINDS = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'Immediate'] as const

/** How many handles of each kind that a simulator could leak are open now. */
function handleCounts(): Record<(typeof KINDS)[number], number> {
  const info = process.getActiveResourcesInfo()
  return Object.fromEntries(KINDS.map((k) => [k, info.filter((r) => r === k).length])) as Record<
    (typeof KINDS)[number],
    number
  >
}

function noMoreThan(before: ReturnType<typeof handleCounts>): boolean {
  const now = handleCounts()
  return KINDS.every((k) => now[k] <= before[k])
}

describe('simulator lifecycle', () => {
  it('close() leaves no socket, server or timer behind, even with clients connected and trades flowing', async () => {
    const before = handleCounts()
    const sim = await startSimulator({ port: 0, tradesPerSecond: 200, log: () => {} })
    const spot = await TestClient.connect(sim.wsUrl('spot'))
    const linear = await TestClient.connect(sim.wsUrl('linear'))
    spot.send({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] })
    linear.send({ op: 'subscribe', args: ['publicTrade.ETHUSDT'] })
    await waitFor(() => spot.trades().length > 0 && linear.trades().length > 0, { what: 'trades on both endpoints' })
    const res = await fetch(`${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT`)
    expect(res.status).toBe(200)
    await res.text()
    await sim.close()
    await waitFor(() => spot.closed && linear.closed, { what: 'clients to see the close' })
    // Client-side sockets finish closing asynchronously; the simulator's own handles are gone at once.
    await waitFor(() => noMoreThan(before), {
      what: `handles back to ${JSON.stringify(before)}`,
      timeoutMs: 2000
    }).catch(() => undefined)
    expect(handleCounts()).toEqual(expect.objectContaining({ TCPServerWrap: before.TCPServerWrap }))
    expect(noMoreThan(before)).toBe(true)
    expect(spot.closed?.code).toBe(1006)
  })

  it('after close() a process that used the simulator exits on its own, with nothing left open', async () => {
    const run = await runScript('tests/simulator/leak-probe.ts', { timeoutMs: 15_000 })
    expect(run.code, `stderr: ${run.stderr.slice(0, 500)}`).toBe(0)
    const open = run.report<string[]>()
    expect(open.filter((r) => /TCP|Timeout|Immediate/.test(r))).toEqual([])
  })

  it('close() is idempotent', async () => {
    const sim = await startSimulator({ port: 0, log: () => {} })
    await Promise.all([sim.close(), sim.close()])
    await sim.close()
  })

  it('a busy port makes startSimulator reject (and leaves nothing open)', async () => {
    const first = await startSimulator({ port: 0, log: () => {} })
    await expect(startSimulator({ port: first.port, log: () => {} })).rejects.toThrow(/EADDRINUSE/)
    await first.close()
  })

  it('the CLI rejects a bad flag with a clear message and exit code 2', async () => {
    const run = await runScript('src/cli/simulator.ts', { args: ['--port', 'nope'], timeoutMs: 15_000 })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--port/)
  })
})
