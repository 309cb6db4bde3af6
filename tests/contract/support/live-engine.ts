// A real engine collecting from the real simulator on loopback: what both transports are tested against.

import { applySettingsPatch } from '../../../src/shared/validate'
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings'
import { createEngine, type Engine } from '../../../src/main/core/engine'
import { startSimulator, type SimulatorHandle } from '../../../src/simulator'
import { waitFor } from './wait'

export const SYMBOLS = ['BTCUSDT', 'ETHUSDT']

export interface LiveEngine {
  sim: SimulatorHandle
  engine: Engine
  settings: Settings
  close(): Promise<void>
}

/** After a start, restart or reconnect: trades injected before this may be missed by the socket. */
export async function waitSubscribed(engine: Engine): Promise<void> {
  await waitFor('the collector to be subscribed to every symbol', async () => {
    const status = await engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
    return status.status === 'connected' && status.subscriptions.every((s) => s.state === 'subscribed')
  })
}

/** Resolves once every symbol's subscription is confirmed, so injected trades are collected. */
export async function startLiveEngine(): Promise<LiveEngine> {
  // No automatic trades: the tests inject exactly the trades they then look for.
  const sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 42 })
  const settings = applySettingsPatch(DEFAULT_SETTINGS, {
    wsUrl: sim.wsUrl('spot'),
    restUrl: sim.restUrl,
    symbols: SYMBOLS,
    mirror: { enabled: false },
    notifications: { enabled: false }
  })
  const engine = createEngine(settings, { mode: 'electron', version: 'test', intervals: { tradesMs: 50 } })
  await engine.start()
  await waitSubscribed(engine)
  return {
    sim,
    engine,
    settings,
    async close() {
      await engine.stop()
      await sim.close()
    }
  }
}
