// "Launch at login": what to ask the OS for, decided from the setting and what the OS has now.
// Electron registers login items on macOS and Windows only; on Linux the user adds an autostart entry.

export type LoginItemPlan =
  | { kind: 'set'; openAtLogin: boolean }
  | { kind: 'unchanged' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'skipped'; reason: string }

export const LINUX_AUTOSTART_HINT =
  'launch at login is not available on Linux from the app: add Market Data Monitor to your desktop’s ' +
  'startup applications (a .desktop file in ~/.config/autostart)'

export const UNPACKED_LOGIN_ITEM_NOTE =
  'launch at login is left alone in a development run (npm start): it would register the bare Electron ' +
  'binary, not the app; it applies in the installed app'

export interface LoginItemContext {
  platform: NodeJS.Platform
  /** Electron's app.isPackaged: an unpacked run is Electron itself running this folder. */
  packaged: boolean
}

export function planLoginItem(wanted: boolean, current: boolean, ctx: LoginItemContext): LoginItemPlan {
  if (ctx.platform !== 'darwin' && ctx.platform !== 'win32') {
    return wanted ? { kind: 'unsupported', reason: LINUX_AUTOSTART_HINT } : { kind: 'unchanged' }
  }
  if (!ctx.packaged) return wanted ? { kind: 'skipped', reason: UNPACKED_LOGIN_ITEM_NOTE } : { kind: 'unchanged' }
  return wanted === current ? { kind: 'unchanged' } : { kind: 'set', openAtLogin: wanted }
}
