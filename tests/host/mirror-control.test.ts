// The mirror follows the settings: real engine, real mirror, a real busy port.

import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startMirror } from '../../src/main/http/server'
import { createMirrorToken } from '../../src/main/http/security'
import { MirrorControl } from '../../src/main/host/mirror-control'
import { withSettingsHook } from '../../src/main/host/settings-hook'
import { startLiveEngine, type LiveEngine } from '../contract/support/live-engine'
import { freePort, listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'

describe('the mirror follows the settings', () => {
  let live: LiveEngine
  let blocker: Server
  let busyPort: number
  beforeAll(async () => {
    live = await startLiveEngine()
    blocker = createServer()
    busyPort = await listenLoopback(blocker)
  })
  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()))
    await live?.close()
  })

  test('a settings change is persisted and restarts the mirror; a busy port is a status, not a crash', async () => {
    const saved: unknown[] = []
    const engine = withSettingsHook(live.engine, (settings) => {
      saved.push(settings)
      void control.apply(settings.mirror)
    })
    const control = new MirrorControl({ engine, start: startMirror, token: createMirrorToken(), staticDir: null })
    const runtime = (): ReturnType<typeof engine.handlers.getRuntime> => engine.handlers.getRuntime()

    // The engine under test starts with the mirror off; the UI turns it on, on a port someone holds.
    await engine.handlers.updateSettings({ mirror: { enabled: true, port: busyPort } })
    await waitFor(async () => (await runtime()).mirror.state === 'port_busy', {
      what: 'the busy port reported',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    expect((await runtime()).mirror).toMatchObject({ port: busyPort, error: expect.stringMatching(/busy/) })
    expect((await engine.handlers.getHealth()).collectors.bybit_trades.status).toBe('connected')

    const free = await freePort()
    const updated = await engine.handlers.updateSettings({ mirror: { port: free } })
    expect(saved).toHaveLength(2)
    expect(saved[1]).toEqual(updated)
    await waitFor(async () => (await runtime()).mirror.state === 'listening', {
      what: 'the mirror on the new port',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    expect((await fetch(`http://127.0.0.1:${free}/health`)).status).toBe(200)

    await engine.handlers.updateSettings({ mirror: { enabled: false } })
    await waitFor(async () => (await runtime()).mirror.state === 'off', {
      what: 'the mirror to be off',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    await expect(fetch(`http://127.0.0.1:${free}/health`)).rejects.toThrow()
    await control.close()
  })
})
