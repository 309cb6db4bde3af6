// `npm run doctor` spawned for real: exit 0 against a healthy simulator, 1 against a closed port
// (with the failing stage and the advice in its output), 2 for a bad flag; --url asks a running mirror.

import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'
import { closedPort, startRig, type Rig } from '../checklist/support'
import { REPO_ROOT } from '../support/fixtures'

const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx')
const DOCTOR = path.join(REPO_ROOT, 'src/cli/doctor.ts')

function runDoctor(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [DOCTOR, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', MDM_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const timer = setTimeout(() => child.kill(), 40_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

let sim: SimulatorHandle | null = null
let rig: Rig | null = null
afterEach(async () => {
  await sim?.close()
  await rig?.close()
  sim = null
  rig = null
})

describe('npm run doctor', () => {
  it('exits 0 and prints every check and diagnostic step passing against a healthy simulator', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 20, seed: 2 })
    const { code, out } = await runDoctor(['--ws-url', sim.wsUrl('spot'), '--rest-url', sim.restUrl, '--timeout', '20'])
    expect(out).toMatch(/\[PASS\] +WebSocket connected/)
    expect(out).toMatch(
      /\[PASS\] +Trades retrievable via API +GET http:\/\/127\.0\.0\.1:\d+\/collectors\/trades\?limit=1 → 200/
    )
    expect(out).toMatch(/\[PASS\] +Ping round trip/)
    expect(out).toMatch(/\[SKIP\] +TLS handshake +ws:\/\//)
    expect(out).toContain('OK: 10/10 checks pass, diagnostics pass')
    expect(out).not.toContain('\x1b[') // plain when not a terminal
    expect(code).toBe(0)
  }, 45_000)

  it('exits 1 against a closed port, naming the failing stage and what to try', async () => {
    const port = await closedPort()
    const { code, out } = await runDoctor(['--ws-url', `ws://127.0.0.1:${port}/v5/public/spot`, '--timeout', '10'])
    expect(out).toMatch(
      new RegExp(`\\[FAIL\\] +WebSocket connected +not connected to ws://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`)
    )
    expect(out).toMatch(/Likely cause: "WebSocket connected" fails/)
    expect(out).toMatch(
      new RegExp(`\\[FAIL\\] +TCP connect +TCP connection refused: nothing is listening on 127\\.0\\.0\\.1:${port}`)
    )
    expect(out).toMatch(/\[NOT RUN\] +WebSocket upgrade/)
    expect(out).toMatch(/NOT OK: 3\/10 checks pass, diagnostics fail at tcp/)
    expect(code).toBe(1)
  }, 45_000)

  it('exits 2 for a bad flag, with the reason', async () => {
    const bad = await runDoctor(['--category', 'options'])
    expect(bad.code).toBe(2)
    expect(bad.out).toMatch(/^doctor: flag_invalid: --category: /)
    const timeout = await runDoctor(['--timeout', 'soon'])
    expect(timeout.code).toBe(2)
    expect(timeout.out).toBe('doctor: flag_invalid: --timeout: seconds between 0 and 600 (see --help)\n')
  }, 45_000)

  it('--url asks a running mirror; with the token it also runs the diagnostics there', async () => {
    rig = await startRig({ sim: { tradesPerSecond: 20 } })
    const url = rig.mirror!.url!
    const plain = await runDoctor(['--url', url, '--timeout', '20'])
    expect(plain.out).toContain(`doctor (mirror at ${url})`)
    expect(plain.out).toContain('Network diagnostics need the mirror token')
    expect(plain.code).toBe(0)
    const withToken = await runDoctor(['--url', url, '--timeout', '20'], { MDM_TOKEN: rig.token })
    expect(withToken.out).toMatch(/\[PASS\] +Subscribe round trip/)
    expect(withToken.code).toBe(0)
    await rig.close()
    rig = null
    const gone = await runDoctor(['--url', url, '--timeout', '2'])
    expect(gone.out).toMatch(new RegExp(`^doctor: could not ask the mirror at ${url}`))
    expect(gone.code).toBe(1)
  }, 60_000)
})
