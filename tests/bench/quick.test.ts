// Keeps `npm run bench -- --quick` working: it runs the real bench (simulator, engine, ccxt and the
// JSON.parse ceiling in child processes over loopback) at its smallest size and checks the report
// a reader relies on. Budgets are not asserted here: timing on a shared CI machine is noise.
// The UI part is left out of the timed run (it builds the renderer when missing and drives Chromium);
// a UI part that cannot run must fail the run with its reason.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { NATS_SKIP_REASON } from '../support/nats-server'

const ROOT = resolve(__dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'mdm-bench-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...args],
      { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('npm run bench -- --quick', () => {
  it.skipIf(NATS_SKIP_REASON !== null)(
    `measures the publish part against a local nats-server ${NATS_SKIP_REASON ?? ''}`,
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'publish.json')
      const { code, stdout, stderr } = await runBench(['--quick', '--only', 'publish', '--out', out])
      expect(code, stderr).toBe(0)
      const lines = stdout.trim().split('\n')
      const json = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>
      expect(json.errors).toEqual([])
      for (const key of [
        'publish_tps',
        'publish_lag_p99_ms_2k',
        'ingest_ours_publish_off_tps',
        'ingest_ours_publish_on_tps'
      ])
        expect(json[key], key).toBeGreaterThan(0)
      expect(stdout).toContain('| publish: NATS acknowledged (trades/s)')
    }
  )

  it(
    'measures every non-UI part and prints a table, one JSON line and the results file',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'results.json')
      const { code, stdout, stderr } = await runBench(['--quick', '--skip', 'ui,publish', '--out', out])
      expect(code, stderr).toBe(0)
      const lines = stdout.trim().split('\n')
      const json = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(json)
      expect(json.errors).toEqual([])
      for (const key of [
        'ingest_ours_tps',
        'ingest_ccxt_tps',
        'ingest_json_parse_tps',
        'loop_delay_p99_ms',
        'latency_p99_ms'
      ]) {
        expect(json[key], key).toBeGreaterThan(0)
      }
      expect(typeof json.heap_growth_mb).toBe('number')
      expect(json.ui_frame_p95_ms_2k).toBeNull()
      expect(stdout).toContain('| ingest: ours / ccxt')
    }
  )

  it('fails with the reason, exit 1 and no results file when the UI part cannot run (no Chromium there)', async () => {
    const out = join(dir, 'no-ui.json')
    const missing = join(dir, 'no-such-chromium')
    const { code, stdout, stderr } = await runBench(['--quick', '--only', 'ui', '--chromium', missing, '--out', out])
    expect(code).toBe(1)
    expect(stderr).toContain(`bench: the ui part cannot run: Chromium not found at ${missing}`)
    expect(stdout).not.toContain('"ui_frame_p95_ms_2k":null')
    expect(existsSync(out)).toBe(false)
  })

  it('rejects an unknown flag with exit code 2 and documents its flags in --help', async () => {
    const bad = await runBench(['--no-such-flag'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('bench: flag_unknown: unknown flag "--no-such-flag" (see --help)\n')
    const help = await runBench(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--quick')
  })
})
