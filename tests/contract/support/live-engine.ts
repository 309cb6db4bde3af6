// A real engine collecting from the real simulator on loopback: what both transports are tested
// against. The one stack, with the desktop's engine options and production timings.

import type { Engine } from '../../../src/main/core/engine'
import type { MirrorHandle } from '../../../src/main/http'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import type { SimulatorHandle } from '../../../src/simulator'
import { startStack, waitSubscribed } from '../../support/stack'

export const SYMBOLS = ['BTCUSDT', 'ETHUSDT']

export interface LiveEngine {
  sim: SimulatorHandle
  engine: Engine
  /** The mirror in front of the engine, when asked for. */
  mirror: MirrorHandle | null
  /** The mirror's token for state-changing calls. */
  token: string
  close(): Promise<void>
}

/** Resolves once every symbol's subscription is confirmed, so injected trades are collected. */
export async function startLiveEngine(opts: { mirror?: boolean } = {}): Promise<LiveEngine> {
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
      // The desktop's save dialog for Export, closed without choosing: nothing is written.
      options: {
        mode: 'electron',
        version: 'test',
        intervals: { tradesMs: 50 },
        chooseExportFile: () => Promise.resolve(null)
      },
      fast: false
    },
    mirror: opts.mirror === true
  })
  await waitSubscribed(stack.engine).catch(async (e: unknown) => {
    await stack.close()
    throw e
  })
  return { sim: stack.sim, engine: stack.engine, mirror: stack.mirror, token: stack.token, close: stack.close }
}
