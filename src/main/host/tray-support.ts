// Whether this desktop can show a tray icon, and what closing the window does because of it. On
// Linux, Electron's tray is a StatusNotifierItem on the session D-Bus: without a StatusNotifier host
// (GNOME without the AppIndicator extension, bare window managers) the icon is created but never
// shown, so a hidden window could never come back. There closing quits, as it always did.

import { execFile } from 'node:child_process'

export type TrayAvailability = { ok: true } | { ok: false; reason: string }

const WATCHER = 'org.kde.StatusNotifierWatcher'
const PROBE_TIMEOUT_MS = 2_000

export interface TrayProbeOptions {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** The D-Bus command-line client (default `dbus-send` on the PATH). */
  dbusSend?: string
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS }, (err, stdout) => (err ? reject(err) : resolve(stdout)))
  })
}

/** Asks the session bus whether a StatusNotifier host is running; elsewhere than Linux the tray is always there. */
export async function probeTray(opts: TrayProbeOptions): Promise<TrayAvailability> {
  if (opts.platform !== 'linux') return { ok: true }
  if (!opts.env.DBUS_SESSION_BUS_ADDRESS) {
    return { ok: false, reason: 'there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set), so no tray' }
  }
  let answer: string
  try {
    answer = await run(opts.dbusSend ?? 'dbus-send', [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${WATCHER}`
    ])
  } catch {
    // No dbus-send, or the bus did not answer: we cannot tell, so trust Electron's Tray (its failure is caught).
    return { ok: true }
  }
  if (/\bboolean true\b/.test(answer)) return { ok: true }
  return {
    ok: false,
    reason: `no StatusNotifier host is running (${WATCHER} is not on the session bus), so the desktop shows no tray icons`
  }
}

export type CloseDecision = { action: 'hide' } | { action: 'close'; why: string | null }

/** Before the probe answers (up to PROBE_TIMEOUT_MS after start). */
export const TRAY_PROBING = 'probing'

export interface CloseContext {
  /** The app is quitting (menu Quit, tray Quit, a signal, the session ending): the window just closes. */
  quitting: boolean
  quitOnClose: boolean
  tray: TrayAvailability | typeof TRAY_PROBING
}

/**
 * Hide to the tray unless the user chose to quit on close, or there is no tray to come back from.
 * While the probe runs the window hides too: afterTrayProbe quits if the answer is "no tray".
 */
export function decideOnClose(ctx: CloseContext): CloseDecision {
  if (ctx.quitting) return { action: 'close', why: null }
  if (ctx.quitOnClose) return { action: 'close', why: 'Closing the window quits: the "quit on close" setting is on' }
  if (ctx.tray === TRAY_PROBING) return { action: 'hide' }
  if (!ctx.tray.ok) return { action: 'close', why: `Closing the window quits: ${ctx.tray.reason}` }
  return { action: 'hide' }
}

/** A window hidden while the probe ran, and then no tray to bring it back from: quit, as a close would have. */
export function afterTrayProbe(tray: TrayAvailability, hiddenWhileProbing: boolean): 'quit' | 'keep' {
  return !tray.ok && hiddenWhileProbing ? 'quit' : 'keep'
}
