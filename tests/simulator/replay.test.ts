// Replay of NDJSON recordings (real captures from ../shared/fixtures/bybit-real and our own format).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseReplay, startSimulator, type SimulatorHandle } from '../../src/simulator'
import { TestClient } from './client'
import { waitFor } from '../support/wait-for'
import { fixtureLines, fixturePath, HAVE_FIXTURES, NO_FIXTURES_REASON } from './fixtures'

let sim: SimulatorHandle | undefined
const clients: TestClient[] = []
const tempDirs: string[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim?.close()
  sim = undefined
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function subscribe(s: SimulatorHandle, category: 'spot' | 'linear' | 'inverse', symbol: string) {
  const c = await TestClient.connect(s.wsUrl(category))
  clients.push(c)
  const ack = await c.request({ op: 'subscribe', args: [`publicTrade.${symbol}`] }, (f) => f.op === 'subscribe')
  expect(ack.success).toBe(true)
  return c
}

const SPOT_CAPTURE = 'open-trader_spot_BTCUSDC_ws_2025-10-26.jsonl'

describe.skipIf(!HAVE_FIXTURES)(`replay of real captures (${HAVE_FIXTURES ? 'present' : NO_FIXTURES_REASON})`, () => {
  it('delivers every trade frame of a capture verbatim and in order, skipping its ack', async () => {
    const lines = fixtureLines(SPOT_CAPTURE)
    const frames = lines.filter((l) => l.includes('"topic":"publicTrade.'))
    expect(frames).toHaveLength(16)
    sim = await startSimulator({ port: 0, replayFile: fixturePath(SPOT_CAPTURE), replaySpeed: 0 })
    const c = await subscribe(sim, 'spot', 'BTCUSDC')
    await sim.replayDone()
    await waitFor(() => c.tradeFrames().length === 16, { what: '16 replayed frames' })
    expect(c.texts.slice(1)).toEqual(frames)
    // The ground truth carries the capture's exact values.
    const sent = sim.sent()
    expect(sent[0]).toMatchObject({
      category: 'spot',
      symbol: 'BTCUSDC',
      tradeId: '2240000000970262966',
      price: '114513.1',
      size: '0.00862',
      side: 'Sell',
      T: 1761520812163,
      seq: 111156121170,
      ts: 1761520812165,
      delivered: true
    })
    expect(sent).toHaveLength(frames.reduce((n, f) => n + (JSON.parse(f) as { data: unknown[] }).data.length, 0))
  })

  it('keeps the recorded pacing at replaySpeed 10 (22.7 s of capture in about 2.3 s)', async () => {
    sim = await startSimulator({ port: 0, replayFile: fixturePath(SPOT_CAPTURE), replaySpeed: 10 })
    const c = await subscribe(sim, 'spot', 'BTCUSDC')
    const t0 = Date.now()
    await waitFor(() => c.tradeFrames().length === 16, { what: 'all frames', timeoutMs: 10_000 })
    const elapsed = Date.now() - t0
    expect(elapsed).toBeGreaterThan(1800)
    expect(elapsed).toBeLessThan(4500)
  })

  it('routes each frame to its category endpoint (inverse BTCUSD and linear LTCUSDT in one file)', async () => {
    sim = await startSimulator({
      port: 0,
      replayFile: fixturePath('tardis-node_inverse-linear_publicTrade_2023-04.jsonl'),
      replaySpeed: 0
    })
    const inverse = await subscribe(sim, 'inverse', 'BTCUSD')
    const linear = await subscribe(sim, 'linear', 'LTCUSDT')
    await sim.replayDone()
    const lines = fixtureLines('tardis-node_inverse-linear_publicTrade_2023-04.jsonl')
    // The replay starts at the first subscription, so the linear client may join after its frame went out;
    // what the file holds is on the tape either way, and the inverse subscriber got its frame verbatim.
    await waitFor(() => inverse.tradeFrames().length === 1, { what: 'inverse frame' })
    expect(inverse.texts[1]).toBe(lines[0])
    expect(sim.sent().map((t) => `${t.category}:${t.symbol}:${t.size}`)).toEqual([
      'inverse:BTCUSD:5823',
      'inverse:BTCUSD:3',
      'inverse:BTCUSD:5593',
      'linear:LTCUSDT:0.4'
    ])
    expect(linear.trades().every((t) => t.s === 'LTCUSDT')).toBe(true)
  })

  it('replayCategory forces the endpoint, and replayLoop starts the file again', async () => {
    sim = await startSimulator({
      port: 0,
      replayFile: fixturePath('rbot_spot_BTCUSDT_ws_2023-12-24.jsonl'),
      replaySpeed: 0,
      replayCategory: 'linear',
      replayLoop: true
    })
    const c = await subscribe(sim, 'linear', 'BTCUSDT')
    await waitFor(() => c.tradeFrames().length >= 6, { what: 'three loops of two frames' })
    const frames = fixtureLines('rbot_spot_BTCUSDT_ws_2023-12-24.jsonl').slice(1)
    expect(c.texts.slice(1, 7)).toEqual([...frames, ...frames, ...frames])
  })
})

describe('replay file formats', () => {
  it('reads our --record output (raw frames with acks and pongs between them) and hftbacktest lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mdm-sim-replay-'))
    tempDirs.push(dir)
    const trade = (ts: number, id: string) =>
      JSON.stringify({
        topic: 'publicTrade.ETHUSDT',
        type: 'snapshot',
        ts,
        data: [
          {
            T: ts - 1,
            s: 'ETHUSDT',
            S: 'Buy',
            v: '0.10',
            p: '3890.10',
            L: 'PlusTick',
            i: id,
            BT: false,
            RPI: false,
            seq: 7
          }
        ]
      })
    const file = path.join(dir, 'record.ndjson')
    const a = trade(1000, '0cbf2330-952d-5d03-a462-4bf826c867af')
    const b = trade(1001, '912e56de-9ed6-5f4f-9421-f0ff5a42d84a')
    writeFileSync(
      file,
      [
        '{"success":true,"ret_msg":"","conn_id":"c1","req_id":"","op":"subscribe"}',
        a,
        '{"success":true,"ret_msg":"pong","conn_id":"c1","req_id":"","op":"ping"}',
        `1758841138293664629 ${b}`,
        'not json',
        ''
      ].join('\n')
    )
    const script = parseReplay([a, `1758841138293664629 ${b}`, 'x'].join('\n'))
    expect(script.frames.map((f) => f.text)).toEqual([a, b])
    expect(script.frames[0].category).toBe('linear')
    sim = await startSimulator({ port: 0, replayFile: file, replaySpeed: 0 })
    const c = await subscribe(sim, 'linear', 'ETHUSDT')
    await waitFor(() => c.tradeFrames().length === 2, { what: 'two frames' })
    expect(c.texts.slice(1)).toEqual([a, b])
    expect(sim.sent().map((t) => ({ id: t.tradeId, L: t.tickDirection, seq: t.seq }))).toEqual([
      { id: '0cbf2330-952d-5d03-a462-4bf826c867af', L: 'PlusTick', seq: 7 },
      { id: '912e56de-9ed6-5f4f-9421-f0ff5a42d84a', L: 'PlusTick', seq: 7 }
    ])
  })

  it('a missing replay file makes startSimulator reject', async () => {
    await expect(startSimulator({ port: 0, replayFile: '/nonexistent/file.ndjson' })).rejects.toThrow(/ENOENT/)
  })
})
