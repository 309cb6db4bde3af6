import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { checkDraft, draftFrom, settingsFormKey } from '../../src/renderer/src/views/settings-draft'
import { startStack, type Stack } from '../support/stack'

describe('settings draft', () => {
  it('sends only what changed, parsed by the shared rules', () => {
    const d = { ...draftFrom(DEFAULT_SETTINGS), symbols: 'btcusdt ethusdt', maxTradesPerSymbol: '5000' }
    const r = checkDraft(d, DEFAULT_SETTINGS)
    expect(r.errors).toEqual({})
    expect(r.patch).toEqual({ symbols: ['BTCUSDT', 'ETHUSDT'], maxTradesPerSymbol: 5000 })
  })

  it('reports each bad field in words and leaves it out of the patch', () => {
    const d = { ...draftFrom(DEFAULT_SETTINGS), symbols: 'BTC-USDT', mirrorPort: '80' }
    const r = checkDraft(d, DEFAULT_SETTINGS)
    expect(r.errors.symbols).toMatch(/invalid symbol/)
    expect(r.errors.mirrorPort).toMatch(/between 1024 and 65535/)
    expect(r.changed).toBe(false)
  })

  it('switches endpoints: testnet, custom loopback, and refuses plain ws:// elsewhere', () => {
    expect(checkDraft({ ...draftFrom(DEFAULT_SETTINGS), endpoint: 'testnet' }, DEFAULT_SETTINGS).patch).toEqual({
      testnet: true
    })
    const custom = {
      ...draftFrom(DEFAULT_SETTINGS),
      endpoint: 'custom' as const,
      wsUrl: 'ws://127.0.0.1:9100/v5/public/spot'
    }
    expect(checkDraft(custom, DEFAULT_SETTINGS).patch).toMatchObject({ wsUrl: 'ws://127.0.0.1:9100/v5/public/spot' })
    const remote = { ...custom, wsUrl: 'ws://example.com/v5' }
    expect(checkDraft(remote, DEFAULT_SETTINGS).errors.wsUrl).toMatch(/loopback/)
    expect(checkDraft({ ...custom, wsUrl: '' }, DEFAULT_SETTINGS).errors.wsUrl).toMatch(/needs a WebSocket URL/)
  })

  it('proxy: a URL or none is sent as typed; a SOCKS proxy or a path is refused in words', () => {
    const base = draftFrom(DEFAULT_SETTINGS)
    expect(checkDraft({ ...base, proxy: 'http://u:p@proxy.corp:3128' }, DEFAULT_SETTINGS).patch).toEqual({
      proxy: 'http://u:p@proxy.corp:3128'
    })
    expect(checkDraft({ ...base, proxy: 'NONE' }, DEFAULT_SETTINGS).patch).toEqual({ proxy: 'none' })
    expect(checkDraft({ ...base, proxy: 'socks5://127.0.0.1:1080' }, DEFAULT_SETTINGS).errors.proxy).toMatch(
      /socks5:\/\/ proxies are not supported/
    )
    expect(checkDraft({ ...base, proxy: 'http://proxy:3128/path' }, DEFAULT_SETTINGS).errors.proxy).toMatch(
      /host:port only/
    )
    const proxied = { ...DEFAULT_SETTINGS, proxy: 'http://proxy:3128' }
    expect(checkDraft({ ...draftFrom(proxied), proxy: '' }, proxied).patch).toEqual({ proxy: '' })
  })
})

describe('the settings form key, over settings a real engine applies', () => {
  let stack: Stack | null = null
  afterEach(async () => {
    await stack?.close()
    stack = null
  })

  it('a Desktop app checkbox keeps the form (unsaved edits stay); applying a field it edits restarts it', async () => {
    stack = await startStack()
    const before = await stack.engine.handlers.getSettings()
    const desktop = await stack.engine.handlers.updateSettings({
      desktop: { quitOnClose: !before.desktop.quitOnClose }
    })
    expect(desktop.desktop.quitOnClose).toBe(!before.desktop.quitOnClose)
    expect(settingsFormKey(desktop)).toBe(settingsFormKey(before))
    const applied = await stack.engine.handlers.updateSettings({ maxTradesPerSymbol: before.maxTradesPerSymbol + 1 })
    expect(settingsFormKey(applied)).not.toBe(settingsFormKey(desktop))
  })
})
