// The HA recipe end to end: two serve processes collect the same symbols from one exchange and
// publish to one stream. One is killed (SIGKILL) while NATS is also stopped and restarted; the
// killed one comes back on its data dir. The stream ends with exactly the trades the exchange
// executed, each once.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/simulator'
import type { RunningScript } from '../support/child-script'
import { startForwardingServe } from '../support/forwarding-serve'
import { NATS_SKIP_REASON, startNatsServer } from '../support/nats-server'
import { readStream, streamInfo } from '../support/nats-stream'
import { waitFor } from '../support/wait-for'

describe.skipIf(NATS_SKIP_REASON !== null)(`two redundant collectors ${NATS_SKIP_REASON ?? ''}`, () => {
  const owned: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (let o = owned.pop(); o; o = owned.pop()) await o.close()
  })

  it('one killed, NATS restarted: the stream holds every executed trade once', async () => {
    const nats = await startNatsServer()
    owned.push(nats)
    const sim = await startSimulator({ port: 0, tradesPerSecond: 0 })
    owned.push(sim)
    const collector = async (dataDir: string): Promise<RunningScript> =>
      (await startForwardingServe({ sim, natsUrl: nats.url, dataDir, own: (c) => owned.push(c) })).run
    const dirs = await Promise.all(
      ['a', 'b'].map(async (n) => {
        const d = await mkdtemp(path.join(tmpdir(), `mdm-ha-${n}-`))
        owned.push({ close: () => rm(d, { recursive: true, force: true }) })
        return d
      })
    )
    const a = await collector(dirs[0])
    await collector(dirs[1])
    const messages = async (): Promise<number> => (await streamInfo(nats.url).catch(() => null))?.state.messages ?? -1
    const executed = (): number => sim.sent().length

    sim.emitTrades('spot', 'BTCUSDT', 100)
    sim.emitTrades('spot', 'ETHUSDT', 100)
    await waitFor(async () => (await messages()) === executed(), { what: '200 in the stream', timeoutMs: 15_000 })
    // NATS goes away; trades go on; collector A is killed; NATS comes back; A comes back.
    await nats.stop()
    sim.emitTrades('spot', 'BTCUSDT', 150)
    sim.emitTrades('spot', 'ETHUSDT', 50)
    await new Promise((r) => setTimeout(r, 1500))
    a.child.kill('SIGKILL')
    await a.exited
    sim.emitTrades('spot', 'BTCUSDT', 40)
    await nats.start()
    await collector(dirs[0])
    sim.emitTrades('spot', 'ETHUSDT', 60)
    await waitFor(async () => (await messages()) === executed(), {
      what: `the stream to hold all ${executed()} executed trades`,
      timeoutMs: 30_000,
      intervalMs: 200
    })
    const ids = (await readStream(nats.url)).map((m) => m.trade.trade_id)
    expect(ids).toHaveLength(executed())
    expect(new Set(ids)).toEqual(new Set(sim.sent().map((t) => t.tradeId)))
    console.log(
      `HA run: ${executed()} trades executed, ${ids.length} messages in the stream, ${new Set(ids).size} distinct`
    )
  }, 120_000)
})
