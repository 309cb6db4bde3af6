// The plain decisions behind the desktop shell: the login item asked of the OS, and the page shown
// when the UI fails to load, and what showing a broken window again does.

import { describe, expect, test } from 'vitest'
import { LINUX_AUTOSTART_HINT, planLoginItem, UNPACKED_LOGIN_ITEM_NOTE } from '../../src/main/host/login-item'
import { loadErrorUrl } from '../../src/main/host/load-error-page'
import { planShow } from '../../src/main/host/window-recovery'

describe('launch at login', () => {
  test('macOS and Windows: set when the setting differs from what the OS has', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const installed = { platform, packaged: true }
      expect(planLoginItem(true, false, installed)).toEqual({ kind: 'set', openAtLogin: true })
      expect(planLoginItem(false, true, installed)).toEqual({ kind: 'set', openAtLogin: false })
      expect(planLoginItem(true, true, installed)).toEqual({ kind: 'unchanged' })
    }
  })

  test('an unpacked run (npm start) never registers the bare Electron binary, and says so', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const unpacked = { platform, packaged: false }
      expect(planLoginItem(true, false, unpacked)).toEqual({ kind: 'skipped', reason: UNPACKED_LOGIN_ITEM_NOTE })
      expect(planLoginItem(false, true, unpacked)).toEqual({ kind: 'unchanged' })
    }
  })

  test('Linux: turning it on says how to do it instead; off is nothing to do', () => {
    const linux = { platform: 'linux', packaged: true } as const
    expect(planLoginItem(true, false, linux)).toEqual({ kind: 'unsupported', reason: LINUX_AUTOSTART_HINT })
    expect(planLoginItem(false, false, linux)).toEqual({ kind: 'unchanged' })
  })
})

describe('the load-failure page', () => {
  const page = (over: Partial<Parameters<typeof loadErrorUrl>[0]> = {}): string =>
    decodeURIComponent(
      loadErrorUrl({
        url: 'app://bundle/index.html?token=secret',
        code: -6,
        description: 'ERR_FILE_NOT_FOUND',
        logFolder: '/home/trader/.config/Market Data Monitor/logs',
        ...over
      }).replace(/^data:text\/html;charset=utf-8,/, '')
    )

  test('says what failed and where the logs are, without the query string', () => {
    const html = page()
    expect(html).toContain('<code>app://bundle/index.html</code> failed: <code>ERR_FILE_NOT_FOUND</code> (-6)')
    expect(html).toContain('<code data-testid="log-folder">/home/trader/.config/Market Data Monitor/logs</code>')
    expect(html).not.toContain('secret')
    expect(html).toContain("default-src 'none'")
  })

  test('escapes what it quotes', () => {
    const html = page({ description: '<img src=x onerror=alert(1)>', logFolder: 'C:\\Users\\a&b' })
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).toContain('C:\\Users\\a&amp;b')
  })
})

describe('showing the window again', () => {
  test('none yet: open one; a healthy one comes back as it was', () => {
    expect(planShow(null)).toBe('open')
    expect(planShow({ broken: null })).toBe('show')
  })

  test('after a failed load or a renderer crash it is replaced, not shown as it is', () => {
    expect(planShow({ broken: 'load_failed' })).toBe('recreate')
    expect(planShow({ broken: 'renderer_gone' })).toBe('recreate')
  })
})
