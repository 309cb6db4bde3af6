// Headless pieces shared by `npm run serve` and `npm run demo`: make sure the browser UI is built,
// the mirror's address, and what to tell the user: where to point a browser and how to call the
// token-protected endpoints from curl. The mirror itself runs under the host's MirrorControl.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { MIRROR_HOST } from './server'

export function rendererDir(rootDir: string): string {
  return join(rootDir, 'out', 'renderer')
}

/** Runs `npx electron-vite build` once when `out/renderer/index.html` is missing; false if the UI is still absent. */
export async function ensureRendererBuilt(rootDir: string, print: (line: string) => void): Promise<boolean> {
  const index = join(rendererDir(rootDir), 'index.html')
  if (existsSync(index)) return true
  if (!existsSync(join(rootDir, 'src', 'renderer', 'index.html'))) {
    print('The browser UI sources are missing; serving the API only.')
    return false
  }
  print('The browser UI is not built yet: running `npx electron-vite build` (once; output in out/) ...')
  const code = await new Promise<number | null>((done) => {
    const child = spawn('npx', ['electron-vite', 'build'], { cwd: rootDir, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', () => done(null))
    child.on('exit', (exitCode) => done(exitCode))
  })
  if (code === 0 && existsSync(index)) {
    print('UI built.')
    return true
  }
  print('Building the UI failed; the API works, and / explains how to build the UI (`npx electron-vite build`).')
  return false
}

/** `--host localhost` names the same loopback; the mirror still binds the literal (never `::1` by DNS). */
export function headlessMirrorHost(host: string): string {
  const literal = host === 'localhost' ? MIRROR_HOST : host
  if (literal !== MIRROR_HOST) throw new Error(`--host: the mirror binds ${MIRROR_HOST} only (got ${host})`)
  return literal
}

export function usage(url: string, token: string): string[] {
  const local = url.replace('127.0.0.1', 'localhost')
  return [
    '',
    `  UI:      ${url}/`,
    `  API:     curl ${local}/health | python -m json.tool`,
    `  Events:  curl -N ${url}/events`,
    `  Token for state-changing calls (POST, valid while this process runs):`,
    `           export MDM_TOKEN=${token}`,
    `           curl -X POST -H "X-MDM-Token: $MDM_TOKEN" ${url}/collectors/bybit_trades/reconnect`,
    ''
  ]
}
