// Where the Electron executable is, decided without `require('electron')`: that call starts a binary
// download (blocked here) and throws. An unset or missing binary is a skip with the reason, not a failure.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface ElectronBinary {
  path: string | null
  /** Why there is no binary (the skip message); empty when there is one. */
  reason: string
}

export function findElectronBinary(): ElectronBinary {
  const override = process.env.ELECTRON_EXEC_PATH
  if (override) {
    return existsSync(override)
      ? { path: override, reason: '' }
      : { path: null, reason: `ELECTRON_EXEC_PATH=${override} does not exist` }
  }
  let pkgDir: string
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { path: null, reason: 'npm package "electron" is not installed' }
  }
  const pathTxt = join(pkgDir, 'path.txt')
  if (!existsSync(pathTxt)) {
    return {
      path: null,
      reason:
        `Electron binary absent (${pathTxt} missing; the binary download from GitHub is blocked here). ` +
        'Set ELECTRON_EXEC_PATH or run "npx install-electron" where GitHub is reachable.'
    }
  }
  const bin = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin)
    ? { path: bin, reason: '' }
    : { path: null, reason: `Electron binary absent: ${bin} not found` }
}

/** Linux needs a display server for a window (run under `xvfb-run` on a headless machine). */
export function displayMissing(): string | null {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null
  return 'no display: run the Electron specs under xvfb-run (DISPLAY and WAYLAND_DISPLAY are unset)'
}
