// The desktop app's own settings over the mirror: validated like the others (a typo or a non-boolean
// is a 400 naming the rule), kept and echoed, and nothing else changes with them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Settings } from '../../src/shared/settings'
import { startStack, type StackFor } from '../support/stack'
import { getJson } from './support'

let stack: StackFor<{ mirror: true }>
beforeAll(async () => {
  stack = await startStack({ mirror: true })
})
afterAll(async () => {
  await stack?.close()
})

const post = (body: unknown) =>
  getJson<Settings & { message?: string }>(stack.mirrorPort, '/settings', {
    method: 'POST',
    headers: { 'X-MDM-Token': stack.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })

describe('desktop settings', () => {
  it('default off, kept when set, the rest untouched', async () => {
    const before = (await getJson<Settings>(stack.mirrorPort, '/settings')).body
    expect(before.desktop).toEqual({ quitOnClose: false, launchAtLogin: false })
    const after = await post({ desktop: { quitOnClose: true } })
    expect(after.status).toBe(200)
    expect(after.body).toEqual({ ...before, desktop: { quitOnClose: true, launchAtLogin: false } })
    expect((await getJson<Settings>(stack.mirrorPort, '/settings')).body.desktop.quitOnClose).toBe(true)
  })

  it.each([
    [{ desktop: { quitOnClose: 'yes' } }, 'desktop.quitOnClose must be true or false'],
    [{ desktop: { launchAtLogon: true } }, 'unknown setting "desktop.launchAtLogon"'],
    [{ desktop: true }, 'desktop must be an object']
  ])('%j is refused: %s', async (body, message) => {
    const res = await post(body)
    expect([res.status, res.body.message]).toEqual([400, message])
  })
})
