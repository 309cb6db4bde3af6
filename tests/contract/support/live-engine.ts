// A real engine collecting from the real simulator on loopback: what both transports are tested
// against. The one stack, with the desktop's engine options and production timings.

import type { Engine } from '../../../src/main/core/engine'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import type { SimulatorHandle } from '../../../src/simulator'
import { startStack, waitSubscribed } from '../../support/stack'

export const SYMBOLS = ['BTCUSDT', 'ETHUSDT']

export interface LiveEngine {
  sim: SimulatorHandle
  engine: Engine
  close(): Promise<void>
}

/** Resolves once every symbol's subscription is confirmed, so injected trades are collected. */
export async function startLiveEngine(): Promise<LiveEngine> {
  // No automatic trades: the tests inject exactly the trades they then look for.
  const stack = await startStack({
    simulator: { seed: 42 },
    engine: {
      // The desktop's settings with the simulator's URLs, which the stack fills in.
      settings: {
        symbols: SYMBOLS,
        mirror: { ...DEFAULT_SETTINGS.mirror, enabled: false },
        notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false }
      },
      options: { mode: 'electron', version: 'test', intervals: { tradesMs: 50 } },
      fast: false
    }
  })
  await waitSubscribed(stack.engine).catch(async (e: unknown) => {
    await stack.close()
    throw e
  })
  return { sim: stack.sim, engine: stack.engine, close: stack.close }
}
