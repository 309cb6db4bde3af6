// The mirror's life around the engine: a busy port leaves the engine collecting with a visible
// `port_busy` status; idle and slow-loris sockets are closed by the timeouts; close leaves no handle.

import { createServer, connect, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startMirror } from '../../src/main/http'
import type { TasksResponse } from '../../src/shared/dto'
import { getJson, http } from './support'
import { listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'
import { waitSubscribed } from '../support/stack'
import { startMirrorStack, type MirrorStack } from './stack'

let stack: MirrorStack | null = null
let blocker: Server | null = null
const sockets: Socket[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await stack?.close()
  stack = null
  await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()))
  blocker = null
})

async function occupyPort(): Promise<number> {
  blocker = createServer()
  return listenLoopback(blocker)
}

describe('a busy port', () => {
  it('reports port_busy, logs a clear line, and the engine keeps collecting', async () => {
    const port = await occupyPort()
    stack = await startMirrorStack({ mirror: { port } })
    expect(stack.mirror.url).toBeNull()
    const expected = {
      state: 'port_busy',
      host: '127.0.0.1',
      port,
      url: null,
      error: expect.stringContaining(`Mirror port ${port} is busy`)
    }
    expect(stack.mirror.status).toEqual(expected)
    expect((await stack.engine.handlers.getRuntime()).mirror).toEqual(expected)
    const logs = await stack.engine.handlers.getLogs({ limit: 100 })
    expect(logs.entries.find((e) => e.message.startsWith(`Mirror port ${port} is busy`))).toMatchObject({
      level: 'WARNING',
      logger: 'mirror',
      code: 'port_busy'
    })
    const task = (await stack.engine.handlers.getTasks()).tasks['mirror.http']
    expect(task).toMatchObject({ state: 'failed', last_error: { code: 'port_busy' } })
    await waitSubscribed(stack.engine)
    stack.sim.emitTrades('spot', 'BTCUSDT', 10)
    await waitFor(async () => (await stack?.engine.handlers.getStorageStats())?.total_trades === 10, {
      what: 'trades still collected',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    await stack.mirror.close()
  })

  it('refuses any host but 127.0.0.1 at startup', async () => {
    stack = await startMirrorStack()
    await expect(
      startMirror(stack.engine, { host: '0.0.0.0', port: 0, token: stack.token, staticDir: null })
    ).rejects.toThrow(/127\.0\.0\.1 only/)
  })
})

describe('slow and idle clients', () => {
  it('idle and slow-loris sockets beyond the cap are closed by the timeouts; collection never stalls', async () => {
    stack = await startMirrorStack({
      mirror: { limits: { headersTimeoutMs: 600, requestTimeoutMs: 1_000, idleTimeoutMs: 1_500, maxConnections: 20 } }
    })
    await waitSubscribed(stack.engine)
    const port = stack.port
    const closedAt: number[] = []
    const openedAt = Date.now()
    for (let i = 0; i < 40; i++) {
      const s = connect(port, '127.0.0.1')
      sockets.push(s)
      s.on('error', () => undefined)
      s.resume() // read what the server sends, so its FIN is seen
      s.on('close', () => closedAt.push(Date.now()))
      // Half of them trickle a header line and stop (slow-loris); the rest say nothing at all.
      if (i % 2 === 0) s.once('connect', () => s.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`))
    }
    stack.sim.emitTrades('spot', 'BTCUSDT', 20)
    await waitFor(async () => (await stack?.engine.handlers.getStorageStats())?.total_trades === 20, {
      what: 'trades stored while sockets hang',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    await waitFor(() => closedAt.length === 40, {
      what: 'every hanging socket closed by the server',
      timeoutMs: 10_000
    })
    expect(Math.max(...closedAt) - openedAt).toBeLessThan(5_000)
    const health = await http(port, '/health')
    expect(health.status).toBe(200)
    stack.sim.emitTrades('spot', 'ETHUSDT', 5)
    await waitFor(async () => (await stack?.engine.handlers.getStorageStats())?.total_trades === 25, {
      what: 'collection continues',
      timeoutMs: 10_000,
      intervalMs: 25
    })
  })

  it('uses low timeouts and a connection cap by default', async () => {
    const { DEFAULT_MIRROR_LIMITS } = await import('../../src/main/http')
    expect(DEFAULT_MIRROR_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000)
    expect(DEFAULT_MIRROR_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(10_000)
    expect(DEFAULT_MIRROR_LIMITS.keepAliveTimeoutMs).toBeLessThanOrEqual(5_000)
    expect(DEFAULT_MIRROR_LIMITS.maxConnections).toBeLessThanOrEqual(128)
  })
})

describe('closing', () => {
  it('close ends open event streams, frees the port and marks the mirror off', async () => {
    stack = await startMirrorStack()
    const port = stack.port
    const tasks = await getJson<TasksResponse>(port, '/debug/tasks')
    expect(tasks.body.tasks['mirror.http'].state).toBe('running')
    const keepAlive = connect(port, '127.0.0.1')
    sockets.push(keepAlive)
    keepAlive.on('error', () => undefined)
    keepAlive.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    await new Promise((r) => keepAlive.once('data', r))
    const ended = new Promise((r) => keepAlive.once('close', r))
    await stack.mirror.close()
    await ended
    expect(stack.mirror.status.state).toBe('off')
    expect((await stack.engine.handlers.getRuntime()).mirror.state).toBe('off')
    expect((await stack.engine.handlers.getTasks()).tasks['mirror.http'].state).toBe('stopped')
    await expect(http(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
  })
})
