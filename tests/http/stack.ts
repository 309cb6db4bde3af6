// The real thing under test: the simulator, the engine collecting from it, and the mirror in front
// of the engine, all on 127.0.0.1 with ephemeral ports.

import { createEngine, type Engine } from '../../src/main/core/engine'
import { createMirrorToken, startMirror, type MirrorHandle, type MirrorOptions } from '../../src/main/http'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings'
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator'
import { waitForValue } from '../support/wait-for'

export interface Stack {
  sim: SimulatorHandle
  engine: Engine
  mirror: MirrorHandle
  port: number
  token: string
  close(): Promise<void>
}

export interface StackOptions {
  sim?: SimulatorOptions
  settings?: Partial<Settings>
  mirror?: Partial<Omit<MirrorOptions, 'token'>>
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSimulator({ port: 0, seed: 7, tradesPerSecond: 0, ...opts.sim })
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    symbols: ['BTCUSDT', 'ETHUSDT'],
    wsUrl: sim.wsUrl('spot'),
    restUrl: sim.restUrl,
    mirror: { enabled: true, host: '127.0.0.1', port: 0 },
    ...opts.settings
  }
  const engine = createEngine(settings, { intervals: { tradesMs: 50, statusMs: 100, statsMs: 200, sampleMs: 200 } })
  await engine.start()
  const token = createMirrorToken()
  const mirror = await startMirror(engine, { host: '127.0.0.1', port: 0, token, staticDir: null, ...opts.mirror })
  const port = mirror.url === null ? 0 : Number(new URL(mirror.url).port)
  return {
    sim,
    engine,
    mirror,
    port,
    token,
    async close() {
      await mirror.close()
      await engine.stop()
      await sim.close()
    }
  }
}

/** Waits until every listed symbol's topic is subscribed, so injected trades reach the engine. */
export async function waitSubscribed(stack: Stack, symbols = ['BTCUSDT', 'ETHUSDT']): Promise<void> {
  await waitForValue(`${symbols.join(', ')} subscribed`, async () => {
    const status = await stack.engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
    return symbols.every((s) => status.subscriptions.some((t) => t.symbol === s && t.state === 'subscribed'))
  })
}
