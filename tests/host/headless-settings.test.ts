// Headless serve honours the mirror settings as the desktop app does: a POST /settings over the
// mirror moves it to the new port (the reply goes out on the old one, which then tells where the
// mirror went), and turning it off from the page it serves is refused with a code.

import { afterEach, describe, expect, it } from 'vitest'
import { startMirror } from '../../src/main/http'
import { createHttpApi } from '../../src/renderer/src/api/http-api'
import { mirrorMove } from '../../src/renderer/src/api/mirror-follow'
import { hostHeadless, MIRROR_OFF_REFUSED, type HeadlessHost } from '../../src/main/host/headless-host'
import type { LogsResponse, RuntimeInfo } from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import { getJson, http } from '../http/support'
import { createServer } from 'node:net'
import { freePort, listenLoopback } from '../support/loopback'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null
let host: HeadlessHost | null = null
afterEach(async () => {
  await host?.close()
  await stack?.close()
  host = null
  stack = null
})

async function startHeadless(): Promise<{ stack: Stack; host: HeadlessHost; port: number }> {
  const port = await freePort()
  stack = await startStack({ engine: { settings: { mirror: { enabled: true, host: '127.0.0.1', port } } } })
  host = hostHeadless(stack.engine, {
    start: startMirror,
    token: stack.token,
    staticDir: null,
    retireAfterMs: 1_500,
    notifications: stack.engine.settings().notifications
  })
  await host.mirror.apply(stack.engine.settings().mirror)
  return { stack, host, port }
}

function postSettings(port: number, token: string, patch: unknown) {
  return getJson<Settings & { error?: string; message?: string }>(port, '/settings', {
    method: 'POST',
    headers: { 'X-MDM-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify(patch)
  })
}

describe('mirror settings in browser mode', () => {
  it('a new port moves the mirror: the reply and the new URL come from the old port, then only the new one answers', async () => {
    const { stack, port: oldPort } = await startHeadless()
    expect((await http(oldPort, '/health')).status).toBe(200)
    const newPort = await freePort()

    const reply = await postSettings(oldPort, stack.token, { mirror: { port: newPort } })
    expect(reply.status).toBe(200)
    expect(reply.body.mirror).toEqual({ enabled: true, host: '127.0.0.1', port: newPort })
    // What the page asks before it follows: the old port still answers, with the new URL.
    const runtime = await getJson<RuntimeInfo>(oldPort, '/debug/runtime')
    expect(runtime.body.mirror).toMatchObject({ state: 'listening', url: `http://127.0.0.1:${newPort}` })

    expect((await http(newPort, '/health')).status).toBe(200)
    await waitFor(
      () =>
        http(oldPort, '/health').then(
          () => false,
          (e: Error) => /ECONNREFUSED/.test(e.message)
        ),
      {
        what: 'the old port to close'
      }
    )
    const after = await getJson<RuntimeInfo>(newPort, '/debug/runtime')
    expect(after.body.mirror).toMatchObject({ state: 'listening', port: newPort, url: `http://127.0.0.1:${newPort}` })
  })

  it('turning the mirror off is refused with bad_request, and nothing changes', async () => {
    const { stack, port } = await startHeadless()
    const refused = await postSettings(port, stack.token, { symbols: ['ETHUSDT'], mirror: { enabled: false } })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ error: 'bad_request', message: MIRROR_OFF_REFUSED })
    const settings = await getJson<Settings>(port, '/settings')
    expect(settings.body).toMatchObject({ symbols: ['BTCUSDT'], mirror: { enabled: true, port } })
    expect((await http(port, '/health')).status).toBe(200)
  })

  it("the browser UI's transport follows the mirror to its new port, keeping the page's host name", async () => {
    const { stack, port: oldPort } = await startHeadless()
    const api = createHttpApi(`http://localhost:${oldPort}`, stack.token)
    const page = { protocol: 'http:', hostname: 'localhost', port: String(oldPort) }
    expect(await mirrorMove(api, page)).toEqual({ kind: 'stayed' })
    const newPort = await freePort()
    await api.updateSettings({ mirror: { port: newPort } })
    expect(await mirrorMove(api, page)).toEqual({ kind: 'moved', url: `http://localhost:${newPort}/` })
  })

  it('a busy new port is reported to the page instead of a move', async () => {
    const { stack, port: oldPort } = await startHeadless()
    const blocker = createServer()
    const busyPort = await listenLoopback(blocker)
    try {
      const api = createHttpApi(`http://127.0.0.1:${oldPort}`, stack.token)
      await api.updateSettings({ mirror: { port: busyPort } })
      const move = await mirrorMove(api, { protocol: 'http:', hostname: '127.0.0.1', port: String(oldPort) })
      expect(move).toEqual({
        kind: 'failed',
        error: expect.stringMatching(new RegExp(`Mirror port ${busyPort} is busy`))
      })
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()))
    }
  })

  it('the feed-down alert follows the notification settings changed over the mirror', async () => {
    const { stack, port } = await startHeadless()
    const reply = await postSettings(port, stack.token, { notifications: { downThresholdS: 5 } })
    expect(reply.body.notifications).toEqual({ enabled: true, downThresholdS: 5 })
    await stack.sim.close()
    const line = await waitFor(
      async () =>
        (await getJson<LogsResponse>(port, '/debug/logs?level=WARNING')).body.entries.find((e) =>
          e.message.startsWith('Market data feed down: bybit_trades')
        ),
      { what: 'the feed-down warning', timeoutMs: 15_000, intervalMs: 200 }
    )
    expect(line.message).toMatch(/has been (reconnecting|connecting|disconnected)[a-z ]* for \d+ s/)
  }, 20_000)
})
