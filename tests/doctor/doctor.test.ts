// `npm run doctor` spawned for real: exit 0 against a healthy simulator, 1 against a closed port
// (with the failing stage and the advice in its output), 2 for a bad flag; --url asks a running mirror.

import { afterEach, describe, expect, it } from 'vitest'
import { closedPort, startRig, type Rig } from '../checklist/support'
import { runScript, type FinishedScript } from '../support/child-script'
import { startStack, type SimulatorStack } from '../support/stack'

/** `npm run doctor` with `args`; killed if it has not finished in 40 s. */
async function runDoctor(
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: FinishedScript['code']; out: string }> {
  const run = await runScript('src/cli/doctor.ts', {
    args,
    env: { NO_COLOR: '1', MDM_TOKEN: '', ...env },
    timeoutMs: 40_000
  })
  return { code: run.code, out: run.all }
}

let simulator: SimulatorStack | null = null
let rig: Rig | null = null
afterEach(async () => {
  await simulator?.close()
  await rig?.close()
  simulator = null
  rig = null
})

describe('npm run doctor', () => {
  it('exits 0 and prints every check and diagnostic step passing against a healthy simulator', async () => {
    simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 2 }, engine: false })
    const { sim } = simulator
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
