// Playwright fixtures: one product stack per worker, and a page opened on it that has waited for
// the app's first snapshot (`data-ready="true"`) instead of sleeping. Browser errors fail the test.

import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { MonitorPage } from './pages/monitor-page'
import { startStack, type Stack } from './support/stack'

export const SCREENSHOT_DIR = resolve(__dirname, '../test-results/screenshots')

interface WorkerFixtures {
  stack: Stack
}
interface TestFixtures {
  monitor: MonitorPage
  consoleErrors: string[]
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const stack = await startStack()
      await use(stack)
      await stack.stop()
    },
    { scope: 'worker', timeout: 30_000 }
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
    })
    await use(errors)
  },
  monitor: async ({ page, stack, consoleErrors }, use) => {
    const monitor = new MonitorPage(page)
    await monitor.open(stack.url)
    await use(monitor)
    // errors the app should never log (a failed request while a fault is injected is logged by the browser: allowed)
    expect(consoleErrors.filter((e) => !/Failed to load resource|ERR_/.test(e))).toEqual([])
  }
})

export { expect }

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) })
}

/** Polls `fn` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
