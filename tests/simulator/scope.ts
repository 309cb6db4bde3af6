// A simulator and clients per test, all closed after each test.
import { afterEach } from 'vitest'
import { startSimulator, type SimCategory, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator'
import { TestClient } from './client'

export interface SimulatorScope {
  /** Starts this test's simulator on a free port. */
  start(opts?: SimulatorOptions): Promise<SimulatorHandle>
  /** This test's simulator (throws before start). */
  readonly sim: SimulatorHandle
  /** A client connected to the simulator's endpoint, closed after the test. */
  connect(category: SimCategory): Promise<TestClient>
}

export function simulatorPerTest(): SimulatorScope {
  let current: SimulatorHandle | undefined
  const clients: TestClient[] = []
  afterEach(async () => {
    const sim = current
    current = undefined
    await Promise.all(clients.splice(0).map((c) => c.close()))
    if (sim) await sim.close()
  })
  return {
    async start(opts = {}) {
      current = await startSimulator({ port: 0, ...opts })
      return current
    },
    get sim() {
      if (!current) throw new Error('no simulator started in this test')
      return current
    },
    async connect(category) {
      const c = await TestClient.connect(this.sim.wsUrl(category))
      clients.push(c)
      return c
    }
  }
}
