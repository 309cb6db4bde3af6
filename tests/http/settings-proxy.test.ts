// GET /settings is open to any local process: the mirror never shows the proxy's credentials, and
// the form sending the redacted value back unchanged keeps the real one. The engine keeps them.
import { afterEach, describe, expect, it } from 'vitest'
import type { Settings } from '../../src/shared/settings'
import { startStack, type Stack } from '../support/stack'

let stack: Stack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

async function call(s: Stack, method: 'GET' | 'POST', body?: object): Promise<Settings> {
  const res = await fetch(`http://127.0.0.1:${s.mirrorPort}/settings`, {
    method,
    headers: { 'content-type': 'application/json', 'X-MDM-Token': s.token },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Settings
}

describe('the proxy setting over the mirror', () => {
  it('is shown redacted, and a redacted echo keeps the credentials', async () => {
    stack = await startStack({ mirror: true })
    const secret = 'http://trader:s3cret@127.0.0.1:9'
    expect((await call(stack, 'POST', { proxy: secret })).proxy).toBe('http://***@127.0.0.1:9')
    expect((await call(stack, 'GET')).proxy).toBe('http://***@127.0.0.1:9')
    expect(stack.engine.settings().proxy).toBe(secret)

    const echoed = await call(stack, 'POST', { proxy: 'http://***@127.0.0.1:9', maxTradesPerSymbol: 5000 })
    expect(echoed).toMatchObject({ proxy: 'http://***@127.0.0.1:9', maxTradesPerSymbol: 5000 })
    expect(stack.engine.settings().proxy).toBe(secret)

    await call(stack, 'POST', { proxy: 'none' })
    expect(stack.engine.settings().proxy).toBe('none')
  })
})

describe('the NATS forwarding URLs over the mirror', () => {
  it('are shown without their password or token, and a masked echo keeps them', async () => {
    stack = await startStack({ mirror: true })
    // Unreachable ports: forwarding stays down, which is all this test needs.
    const user = 'nats://alice:s3cret@127.0.0.1:9'
    const token = 'nats://t0ken@127.0.0.1:10'
    const shown = ['nats://alice:***@127.0.0.1:9', 'nats://***@127.0.0.1:10']
    expect((await call(stack, 'POST', { publish: { urls: [user, token] } })).publish.urls).toEqual(shown)
    const read = await call(stack, 'GET')
    expect(read.publish.urls).toEqual(shown)
    expect(JSON.stringify(read)).not.toContain('s3cret')
    expect(JSON.stringify(read)).not.toContain('t0ken')
    expect(stack.engine.settings().publish.urls).toEqual([user, token])

    // The form sends what it was shown, plus a new server: the saved credentials stay.
    await call(stack, 'POST', { publish: { urls: [...shown, 'nats://127.0.0.1:11'] } })
    expect(stack.engine.settings().publish.urls).toEqual([user, token, 'nats://127.0.0.1:11'])
    await call(stack, 'POST', { publish: { urls: [] } })
    expect(stack.engine.settings().publish.urls).toEqual([])
  })
})
