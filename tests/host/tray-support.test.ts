// Whether closing the window hides it to the tray or quits: the StatusNotifier probe runs a real
// child (a stand-in `dbus-send` answering as the bus would), and the close decision follows it.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { afterTrayProbe, decideOnClose, probeTray, TRAY_PROBING } from '../../src/main/host/tray-support'

const dir = mkdtempSync(join(tmpdir(), 'mdm-tray-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A `dbus-send` that prints what the bus would answer to NameHasOwner, after checking what it was asked. */
function fakeDbusSend(answer: string): string {
  const file = join(dir, `dbus-send-${answer.replace(/\W/g, '')}`)
  writeFileSync(
    file,
    `#!/bin/sh\ncase "$*" in *"NameHasOwner string:org.kde.StatusNotifierWatcher"*) ;; *) exit 3 ;; esac\n` +
      `echo 'method return time=1 sender=org.freedesktop.DBus'\necho '   ${answer}'\n`
  )
  chmodSync(file, 0o755)
  return file
}

const session = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }

describe('tray probe', () => {
  test('Linux with a StatusNotifier host has a tray', async () => {
    expect(await probeTray({ platform: 'linux', env: session, dbusSend: fakeDbusSend('boolean true') })).toEqual({
      ok: true
    })
  })

  test('Linux without one has none, and says why', async () => {
    const probe = await probeTray({ platform: 'linux', env: session, dbusSend: fakeDbusSend('boolean false') })
    expect(probe).toEqual({
      ok: false,
      reason:
        'no StatusNotifier host is running (org.kde.StatusNotifierWatcher is not on the session bus), so the desktop shows no tray icons'
    })
  })

  test('Linux without a session bus has none; an unanswerable probe trusts Electron', async () => {
    expect(await probeTray({ platform: 'linux', env: {} })).toMatchObject({ ok: false, reason: /no D-Bus session/ })
    expect(await probeTray({ platform: 'linux', env: session, dbusSend: join(dir, 'missing') })).toEqual({ ok: true })
  })

  test('Windows and macOS always have one, without asking', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      expect(await probeTray({ platform, env: {}, dbusSend: join(dir, 'missing') })).toEqual({ ok: true })
    }
  })
})

describe('closing the window', () => {
  const tray = { ok: true } as const
  test('hides to the tray by default', () => {
    expect(decideOnClose({ quitting: false, quitOnClose: false, tray })).toEqual({ action: 'hide' })
  })
  test('closes when quitting, when the user chose quit on close, or when there is no tray (with why)', () => {
    expect(decideOnClose({ quitting: true, quitOnClose: false, tray })).toEqual({ action: 'close', why: null })
    expect(decideOnClose({ quitting: false, quitOnClose: true, tray })).toEqual({
      action: 'close',
      why: 'Closing the window quits: the "quit on close" setting is on'
    })
    expect(decideOnClose({ quitting: false, quitOnClose: false, tray: { ok: false, reason: 'no tray here' } })).toEqual(
      { action: 'close', why: 'Closing the window quits: no tray here' }
    )
  })
  test('while the tray probe runs the window hides; a "no tray" answer then quits, a tray keeps it', () => {
    expect(decideOnClose({ quitting: false, quitOnClose: false, tray: TRAY_PROBING })).toEqual({ action: 'hide' })
    expect(decideOnClose({ quitting: false, quitOnClose: true, tray: TRAY_PROBING }).action).toBe('close')
    expect(afterTrayProbe({ ok: false, reason: 'no tray here' }, true)).toBe('quit')
    expect(afterTrayProbe({ ok: false, reason: 'no tray here' }, false)).toBe('keep')
    expect(afterTrayProbe({ ok: true }, true)).toBe('keep')
  })
})
