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

/** Runs the bench writing `name` in the temp dir; expects exit 0; the results file and stdout. */
async function benchResults(args: string[], name: string): Promise<{ stdout: string; json: Record<string, unknown> }> {
  const out = join(dir, name)
  const { code, stdout, stderr } = await runBench([...args, '--out', out])
  expect(code, stderr).toBe(0)
  return { stdout, json: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> }
}

describe('npm run bench -- --quick', () => {
  it(
    'measures every non-UI part and prints a table, one JSON line and the results file',
    { timeout: 120_000 },
    async () => {
      // persist has its own test below (it adds half a minute)
      const { stdout, json } = await benchResults(['--quick', '--skip', 'ui,persist'], 'results.json')
      const lines = stdout.trim().split('\n')
      expect(JSON.parse(lines[lines.length - 1])).toEqual(json)
      expect(json.errors).toEqual([])
      for (const key of [
        'ingest_ours_tps',
        'ingest_ccxt_tps',
        'ingest_json_parse_tps',
        'loop_delay_p99_ms',
        'latency_p99_ms',
        'heap_bytes_per_trade',
        'heap_bytes_per_trade_objects'
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

  it(
    'measures the durable tier: ingest with persistence on, write-queue lag, bytes on disk per trade',
    { timeout: 120_000 },
    async () => {
      const { stdout, json } = await benchResults(['--quick', '--only', 'persist'], 'persist.json')
      for (const key of ['ingest_ours_persist_tps', 'ratio_ours_json_parse_persist', 'disk_bytes_per_trade']) {
        expect(json[key], key).toBeGreaterThan(0)
      }
      expect(typeof json.persist_lag_p99_ms).toBe('number')
      expect(json.disk_trades).toBe(100_000)
      expect(stdout).toContain('| persist: bytes on disk per trade')
      expect(json.ingest_ours_tps).toBeNull()
    }
  )

  it('rejects an unknown flag with exit code 2 and documents its flags in --help', async () => {
    const bad = await runBench(['--no-such-flag'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('bench: flag_unknown: unknown flag "--no-such-flag" (see --help)\n')
    const help = await runBench(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--quick')
  })
})
