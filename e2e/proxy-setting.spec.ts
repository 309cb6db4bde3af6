// The proxy in Settings: validated inline by the shared rules, applied to the engine (the collector
// reconnects through it), and named beside the endpoint on the Connection view. A real CONNECT
// proxy on loopback records the tunnel.

import { ConnectProxy } from '../tests/support/connect-proxy'
import { expect, test } from './fixtures'

test('the proxy setting: inline error for SOCKS; a proxy URL applied, tunnelled and shown', async ({
  monitor,
  stack
}) => {
  const proxy = await ConnectProxy.start()
  try {
    const { settings, connection } = monitor
    await settings.open()
    await settings.proxyInput.fill('socks5://127.0.0.1:1080')
    await settings.proxyInput.blur()
    await expect(settings.error('proxy')).toContainText('socks5:// proxies are not supported')
    await expect(settings.applyButton).toBeDisabled()

    await settings.proxyInput.fill(proxy.url())
    await settings.applyButton.click()
    await expect(settings.outcome).toContainText('Applied')
    await connection.open()
    await expect(connection.proxy()).toHaveText(`via ${proxy.url()} (proxy setting)`)
    await expect(monitor.feedState).toHaveText('Feed live', { timeout: 15_000 })
    expect(proxy.opened(`127.0.0.1:${stack.sim.port}`)).toBeGreaterThanOrEqual(1)
  } finally {
    await stack.engine.handlers.updateSettings({ proxy: stack.initial.proxy })
    await proxy.close()
  }
})
