// Soak: 100 reconnect cycles in a fresh `node --expose-gc` process (tsx as a loader), so GC is
// real and no test-runner handle is mixed in. Asserts: handles back to baseline, no listener
// leak warnings, post-GC heap flat across the cycles, every gap settled and accounting balanced.
import { describe, expect, it } from 'vitest'
import { runScript } from '../support/child-script'

interface SoakResult {
  cycles: number
  reconnects: number
  gaps: number
  gapsComplete: number
  balanced: boolean
  heapMb: number[]
  baseline: string[]
  after: string[]
  warnings: string[]
  gc: boolean
  error?: string
}

describe('soak', () => {
  it('100 reconnect cycles: no leaked handles or listeners, flat post-GC heap, every gap settled', async () => {
    const run = await runScript('tests/soak/reconnect-soak-probe.ts', { nodeFlags: ['--expose-gc'], timeoutMs: 45_000 })
    // Exiting on its own proves no timer or socket was left behind.
    expect(run.code, `stderr: ${run.stderr.slice(0, 500)}`).toBe(0)
    const r = run.report<SoakResult>()
    console.log(`SOAK ${JSON.stringify(r)}`)
    expect(r.error).toBeUndefined()
    expect(r.gc).toBe(true)
    expect(r.reconnects).toBe(100)
    expect(r.gaps).toBe(100)
    expect(r.gapsComplete).toBe(100)
    expect(r.balanced).toBe(true)
    // Back to baseline: nothing open now that was not open before the engine started.
    expect(r.after.filter((x) => !r.baseline.includes(x))).toEqual([])
    expect(r.warnings).not.toContain('MaxListenersExceededWarning')
    // Flat: the last samples are no more than 2 MB above the first (10 samples, one per 10 cycles).
    expect(Math.max(...r.heapMb.slice(-3)) - r.heapMb[0]).toBeLessThan(2)
  }, 60_000)
})
