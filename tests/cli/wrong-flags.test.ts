// Every entry point spawned as a user runs it, with a wrong flag: one line on stderr naming the
// error code and the flag, nothing on stdout, exit code 2. The same for a bad `MDM_*` value.

import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'

const ENTRY = {
  serve: 'src/cli/serve.ts',
  demo: 'src/cli/demo.ts',
  doctor: 'src/cli/doctor.ts',
  simulator: 'src/cli/simulator.ts',
  bench: 'bench/run.ts'
} as const

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(entry: keyof typeof ENTRY, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, ENTRY[entry]), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, MDM_UI_BUILD: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    // A wrong flag must stop the process at once; one that starts serving would hang here.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

// doctor writes everything, errors included, to stdout (its report is the output).
const errorText = (entry: keyof typeof ENTRY, r: Run): string => (entry === 'doctor' ? r.stdout : r.stderr)

describe.each(Object.keys(ENTRY) as (keyof typeof ENTRY)[])('npm run %s', (entry) => {
  it('refuses an unknown flag: one coded line, exit 2', async () => {
    const r = await run(entry, ['--frobnicate', '1'])
    expect(r.code).toBe(2)
    expect(errorText(entry, r)).toBe(`${entry}: flag_unknown: unknown flag "--frobnicate" (see --help)\n`)
  })

  const badValue: Record<keyof typeof ENTRY, [string[], string]> = {
    serve: [['--port', '80'], '--port: port must be an integer between 1024 and 65535'],
    demo: [['--rate', 'fast'], '--rate: rate must be an integer between 0 and 10000'],
    doctor: [['--timeout', 'soon'], '--timeout: seconds between 0 and 600'],
    simulator: [['--port', 'nope'], '--port: port must be an integer between 0 and 65535'],
    bench: [['--trades', '0'], '--trades: must be a positive integer']
  }

  it('refuses a bad value: one coded line naming the flag and the rule, exit 2', async () => {
    const [args, message] = badValue[entry]
    const r = await run(entry, args)
    expect(r.code).toBe(2)
    expect(errorText(entry, r)).toBe(`${entry}: flag_invalid: ${message} (see --help)\n`)
  })
})

describe('the environment', () => {
  it('serve refuses MDM_NO_MIRROR=maybe instead of reading it as false', async () => {
    const r = await run('serve', [], { MDM_NO_MIRROR: 'maybe' })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'serve: env_invalid: MDM_NO_MIRROR: must be 1, true, yes, on or 0, false, no, off (got "maybe") (see --help)\n'
    )
  })

  it('the demo refuses the endpoint and proxy flags with the reason', async () => {
    const r = await run('demo', ['--ws-url', 'ws://127.0.0.1:1/x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^demo: flag_not_applicable: --ws-url does not apply to the demo/)
    const proxied = await run('demo', ['--proxy', 'http://proxy.corp:3128'])
    expect(proxied.code).toBe(2)
    expect(proxied.stderr).toMatch(/^demo: flag_not_applicable: --proxy does not apply to the demo/)
  })
})
