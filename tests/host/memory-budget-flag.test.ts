// --memory-budget-mb / MDM_MEMORY_BUDGET_MB: serve, demo and the desktop read it the same way into
// the settings the engine starts with; a value out of range is a coded error naming the flag or variable.
import { describe, expect, it } from 'vitest'
import { cliOptions } from '../../src/cli/flags'
import { desktopEnvironment } from '../../src/main/host/flags/engine-flags'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'

describe('--memory-budget-mb', () => {
  it('reaches the settings from argv or the environment, the flag winning', () => {
    const fromFlag = parseCommandLine('serve', ['--memory-budget-mb', '64'], { MDM_MEMORY_BUDGET_MB: '2048' })
    expect(fromFlag.kind === 'run' && cliOptions(fromFlag).settings.memoryBudgetMb).toBe(64)
    const fromEnv = parseCommandLine('serve', [], { MDM_MEMORY_BUDGET_MB: '2048' })
    expect(fromEnv.kind === 'run' && cliOptions(fromEnv).settings.memoryBudgetMb).toBe(2048)
    expect(parseCommandLine('demo', ['--memory-budget-mb=32'], {}).kind).toBe('run')
    expect(desktopEnvironment({ MDM_MEMORY_BUDGET_MB: '1024' })).toMatchObject({
      ok: true,
      patch: { memoryBudgetMb: 1024 }
    })
    expect(DEFAULT_SETTINGS.memoryBudgetMb).toBe(512)
  })

  it.each([['8'], ['65537'], ['1.5'], ['lots']])('refuses %s with a coded error', (raw) => {
    const line = parseCommandLine('serve', ['--memory-budget-mb', raw], {})
    expect(line.kind === 'error' && line.error).toEqual({
      code: 'flag_invalid',
      message: '--memory-budget-mb: value must be an integer between 16 and 65536'
    })
    expect(desktopEnvironment({ MDM_MEMORY_BUDGET_MB: raw })).toMatchObject({
      ok: false,
      error: { code: 'env_invalid' }
    })
  })
})
