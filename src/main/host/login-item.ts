// "Launch at login": what to ask the OS for, decided from the setting and what the OS has now.
// Electron registers login items on macOS and Windows only; on Linux the user adds an autostart entry.

export type LoginItemPlan =
  { kind: 'set'; openAtLogin: boolean } | { kind: 'unchanged' } | { kind: 'unsupported'; reason: string }

export const LINUX_AUTOSTART_HINT =
  'launch at login is not available on Linux from the app: add Market Data Monitor to your desktop’s ' +
  'startup applications (a .desktop file in ~/.config/autostart)'

export function planLoginItem(wanted: boolean, current: boolean, platform: NodeJS.Platform): LoginItemPlan {
  if (platform !== 'darwin' && platform !== 'win32') {
    return wanted ? { kind: 'unsupported', reason: LINUX_AUTOSTART_HINT } : { kind: 'unchanged' }
  }
  return wanted === current ? { kind: 'unchanged' } : { kind: 'set', openAtLogin: wanted }
}
