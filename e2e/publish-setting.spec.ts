// Settings → Forwarding (NATS JetStream): an invalid URL refused inline, a real nats-server's URL
// applied live (trades are acknowledged), a password in a URL never shown back, and off again.

import { NATS_SKIP_REASON, startNatsServer } from '../tests/support/nats-server'
import { expect, screenshot, test } from './fixtures'
import { PublishPanel } from './pages/publish-panel'

test('the forwarding panel: validated inline, applied live to a real nats-server, passwords masked', async ({
  monitor,
  page,
  stack
}) => {
  test.skip(NATS_SKIP_REASON !== null, NATS_SKIP_REASON ?? '')
  const nats = await startNatsServer()
  try {
    await monitor.settings.open()
    const panel = new PublishPanel(page)
    await expect(panel.state).toHaveText('Off: no NATS server set.')
    await panel.urls.fill('http://127.0.0.1:4222')
    await expect(panel.invalid).toContainText('must be nats://HOST:PORT or tls://HOST:PORT')
    await expect(panel.apply).toBeDisabled()

    await panel.urls.fill(nats.url)
    await panel.stream.fill('E2E_TRADES')
    await panel.apply.click()
    await expect(panel.state).toHaveText(`On: every stored trade goes to stream E2E_TRADES on ${nats.url}`)
    await expect
      .poll(() => stack.engine.handlers.getPublishStatus().acknowledged, { timeout: 15_000 })
      .toBeGreaterThan(0)
    expect(stack.engine.handlers.getPublishStatus().stream?.name).toBe('E2E_TRADES')

    // A second server with a password: shown masked, kept as typed in the engine, and kept on the next apply.
    const secret = `nats://alice:s3cret@127.0.0.1:${new URL(nats.url).port}`
    await panel.urls.fill(`${nats.url}\n${secret}`)
    await panel.apply.click()
    const masked = `nats://alice:***@127.0.0.1:${new URL(nats.url).port}`
    await expect(panel.urls).toHaveValue(`${nats.url}\n${masked}`)
    await expect(panel.state).toContainText(masked)
    expect(stack.engine.settings().publish.urls).toEqual([nats.url, secret])
    await panel.noCreate.check()
    await panel.apply.click()
    await expect(panel.noCreate).toBeChecked()
    expect(stack.engine.settings().publish).toMatchObject({ urls: [nats.url, secret], noCreate: true })
    expect(await page.content()).not.toContain('s3cret')
    await panel.root.scrollIntoViewIfNeeded()
    await screenshot(page, 'settings-publish-1280x800')

    await panel.urls.fill('')
    await panel.apply.click()
    await expect(panel.state).toHaveText('Off: no NATS server set.')
    expect(stack.engine.handlers.getPublishStatus().state).toBe('off')
  } finally {
    await stack.engine.handlers.updateSettings({ publish: stack.initial.publish })
    await nats.close()
  }
})
