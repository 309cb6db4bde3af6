// The simulator's market-scale flags as the simulator command reads them: what reaches the
// simulator's options, and the values refused with a coded error.
import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { simulatorOptions } from '../../src/cli/simulator-options'

function options(argv: string[]): ReturnType<typeof simulatorOptions> {
  const line = parseCommandLine('simulator', argv, {})
  if (line.kind !== 'run') throw new Error(`not parsed: ${JSON.stringify(line)}`)
  return simulatorOptions(line)
}

function refusal(argv: string[]): string {
  const line = parseCommandLine('simulator', argv, {})
  if (line.kind !== 'error') throw new Error(`accepted: ${argv.join(' ')}`)
  expect(line.error.code).toBe('flag_invalid')
  return line.error.message
}

describe('simulator scale flags', () => {
  it('none given: the simulator keeps its own defaults (generated boards, per-symbol rate)', () => {
    expect(options([])).toEqual({})
  })

  it('--instruments N sets every category; C:N,… only those named', () => {
    expect(options(['--instruments', '800']).instruments).toEqual({ spot: 800, linear: 800, inverse: 800 })
    expect(options(['--instruments', 'linear:700,spot:600']).instruments).toEqual({ linear: 700, spot: 600 })
  })

  it('rates, bursts, the status filter and the connection budget reach the options', () => {
    const o = options([
      ...['--total-rate', '20000', '--zipf', '1.2', '--burst-every', '60', '--burst-seconds', '5'],
      ...['--list-all-statuses', '--connection-budget', '50']
    ])
    expect(o).toMatchObject({
      totalRate: 20_000,
      zipf: 1.2,
      burst: { everySeconds: 60, seconds: 5, rate: 50_000 },
      unfilteredListing: true,
      connectionLimits: { max: 50 }
    })
  })

  it('a per-category symbol list leaves the other categories on their generated boards', () => {
    expect(options(['--linear-symbols', 'BTCUSDT,ETHUSDT']).symbols).toEqual({ linear: ['BTCUSDT', 'ETHUSDT'] })
  })

  it.each([
    [['--instruments', '0'], 'instrument count must be an integer between 1 and 5000'],
    [['--instruments', 'option:5'], 'unknown category "option"'],
    [['--instruments', 'linear:x'], 'instrument count must be an integer'],
    [['--total-rate=-1'], 'total rate must be a number'],
    [['--zipf', '9'], 'zipf exponent must be a number between 0 and 5'],
    [['--burst-every', '0'], 'burst interval must be an integer'],
    [['--connection-budget', '0'], 'connection budget must be an integer']
  ])('%j is refused: %s', (argv, message) => {
    expect(refusal(argv)).toContain(message)
  })
})
