// `npm run tail`: another program reading the forwarded trades prints each one exactly as the log
// prints a trade (Trade.repr()), every stored one with --from-start, then new ones as they come.
import { afterEach, describe, expect, it } from 'vitest'
import { forwardConfig } from '../../src/main/core/forward/forward-config'
import { tradeFromDto } from '../../src/main/core/forward/tail'
import { runScript, startScript, type RunningScript } from '../support/child-script'
import { NATS_SKIP_REASON, startNatsServer, type NatsServer } from '../support/nats-server'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

describe.skipIf(NATS_SKIP_REASON !== null)(`npm run tail ${NATS_SKIP_REASON ?? ''}`, () => {
  let nats: NatsServer | null = null
  let stack: Stack | null = null
  let tail: RunningScript | null = null
  afterEach(async () => {
    await tail?.stop()
    await stack?.close()
    await nats?.close()
    tail = stack = nats = null
  })

  it('prints the stream from the start, then new trades, in the log trade format', async () => {
    nats = await startNatsServer()
    stack = await startStack({
      engine: { settings: { symbols: ['BTCUSDT', 'ETHUSDT'] }, options: { publish: forwardConfig([nats.url]) } }
    })
    const engine = stack.engine
    await waitSubscribed(engine)
    stack.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => engine.handlers.getPublishStatus().acknowledged === 5, {
      what: '5 forwarded',
      timeoutMs: 10_000
    })
    tail = startScript('src/cli/tail.ts', ['--publish', nats.url, '--subject', 'trades.bybit.spot.>', '--from-start'])
    const t = tail
    await waitFor(() => t.out().split('\n').filter(Boolean).length === 5, { what: 'the 5 stored', timeoutMs: 15_000 })
    stack.sim.emitTrades('spot', 'ETHUSDT', 3)
    await waitFor(() => t.out().split('\n').filter(Boolean).length === 8, { what: '3 new', timeoutMs: 10_000 })
    const expected = (await engine.handlers.getTrades({ limit: 100 })).trades
      .reverse()
      .map((d) => tradeFromDto(d).repr())
    const printed = t.out().trim().split('\n')
    expect(printed.sort()).toEqual(expected.sort())
    expect(printed[0]).toMatch(/^Trade\(symbol='(BTC|ETH)USDT', side='(BUY|SELL)', price=Decimal\('[\d.]+'\)/)
  }, 40_000)

  it('without --publish: exit 2; an unreachable server: exit 1 with the code', async () => {
    const none = await runScript('src/cli/tail.ts', { timeoutMs: 15_000, env: { MDM_PUBLISH: '' } })
    expect(none.code).toBe(2)
    const down = await runScript('src/cli/tail.ts', { args: ['--publish', 'nats://127.0.0.1:1'], timeoutMs: 15_000 })
    expect(down.code).toBe(1)
    expect(down.stderr).toMatch(/nats_unreachable/)
  }, 40_000)
})
