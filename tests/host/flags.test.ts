// The one flag table: every flag documented, environment names unique, each command's flags
// distinct, and argv and the environment parsed the same way for serve and the desktop app.

import { describe, expect, it } from 'vitest'
import { COMMANDS, type CommandName } from '../../src/main/host/flags/commands'
import { desktopEnvironment } from '../../src/main/host/flags/engine-flags'
import { FLAGS, type FlagId } from '../../src/main/host/flags/flag-table'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { usage } from '../../src/main/host/flags/usage'
import { cliOptions } from '../../src/cli/flags'

const ENTRIES = Object.entries(FLAGS) as [FlagId, (typeof FLAGS)[FlagId]][]
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[]

describe('the flag table', () => {
  it('gives every flag a name, help text and a parser', () => {
    for (const [id, flag] of ENTRIES) {
      expect(flag.name, id).toMatch(/^[a-z][a-z-]*$/)
      expect(flag.help.length, `${id} help`).toBeGreaterThan(10)
      expect(typeof flag.parse, id).toBe('function')
      if (flag.type === 'string') expect(flag.valueName, `${id} value name`).not.toBe('')
    }
  })

  it('names each environment variable once', () => {
    const names = ENTRIES.map(([, f]) => f.env).filter((e) => e !== null)
    expect(names.length).toBeGreaterThan(10)
    expect(new Set(names).size).toBe(names.length)
  })

  it.each(COMMAND_NAMES)('%s accepts each flag name once, and its --help lists every one', (command) => {
    const flags = COMMANDS[command].flags.map((id: FlagId) => FLAGS[id])
    const names = flags.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    const help = usage(command)
    for (const f of flags) {
      expect(help).toContain(`--${f.name}`)
      expect(help).toContain(f.help)
      if (f.env !== null) expect(help).toContain(`env ${f.env}`)
    }
  })

  it('every default is a value its own parser accepts', () => {
    for (const [id, flag] of ENTRIES) {
      if (flag.default === undefined || flag.type === 'boolean') continue
      const raw = Array.isArray(flag.default) ? flag.default.join(',') : String(flag.default)
      expect(flag.parse(raw), id).toEqual({ ok: true, value: flag.default })
    }
  })
})

describe('serve flags over the environment', () => {
  it('parses every engine flag, flags over MDM_* variables', () => {
    const line = parseCommandLine(
      'serve',
      [
        '--no-mirror',
        '--category',
        'linear',
        '--symbols=btcusdt,ETHUSDT',
        '--ws-url',
        'ws://127.0.0.1:9100/v5/public/linear',
        '--rest-url',
        'http://localhost:9100',
        '--max-trades-per-symbol',
        '5000',
        '--record',
        '/tmp/x.ndjson',
        '--port',
        '8100',
        '--testnet',
        '--log-level',
        'warning'
      ],
      { MDM_SYMBOLS: 'SOLUSDT', MDM_CATEGORY: 'inverse', MDM_HOST: 'localhost', MDM_LOG_LEVEL: 'debug' }
    )
    expect(line.kind).toBe('run')
    if (line.kind !== 'run') return
    const options = cliOptions(line)
    expect(options).toMatchObject({ host: 'localhost', port: 8100, mirror: false, logLevel: 'warning' })
    expect(options.settings).toMatchObject({
      category: 'linear',
      symbols: ['BTCUSDT', 'ETHUSDT'],
      wsUrl: 'ws://127.0.0.1:9100/v5/public/linear',
      restUrl: 'http://localhost:9100',
      testnet: true,
      maxTradesPerSymbol: 5000,
      recordFile: '/tmp/x.ndjson'
    })
  })

  it('defaults: info level, the mirror on 127.0.0.1:8000', () => {
    const line = parseCommandLine('serve', [], {})
    expect(line.kind === 'run' && cliOptions(line)).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      mirror: true,
      logLevel: 'info'
    })
  })

  it.each([
    [['--bogus'], 'flag_unknown', 'unknown flag "--bogus"'],
    [['extra'], 'argument_unexpected', 'unexpected argument "extra"'],
    [['--ws-url', 'ws://example.com/v5/public/spot'], 'flag_invalid', '--ws-url: ws:// is accepted only for loopback'],
    [['--category', 'option'], 'flag_invalid', '--category: category must be one of spot, linear, inverse'],
    [['--max-trades-per-symbol', '5'], 'flag_invalid', '--max-trades-per-symbol: value must be an integer between'],
    [['--symbols'], 'flag_value_missing', '--symbols needs a value'],
    [['--symbols', '--testnet'], 'flag_value_missing', '--symbols needs a value'],
    [['--testnet=yes'], 'flag_takes_no_value', '--testnet takes no value'],
    [['--host', '0.0.0.0'], 'flag_invalid', '--host: must be a loopback address'],
    [['--host', '::1'], 'flag_invalid', '--host: must be a loopback address: 127.0.0.1 or localhost'],
    [['--ui-build', 'later'], 'flag_invalid', '--ui-build: ui build must be one of auto, off'],
    [['--log-level', 'verbose'], 'flag_invalid', '--log-level: log level must be one of debug, info, warning, error']
  ])('%j is refused with %s', (argv, code, message) => {
    const line = parseCommandLine('serve', argv, {})
    expect(line.kind === 'error' && line.error.code).toBe(code)
    expect(line.kind === 'error' && line.error.message).toContain(message)
  })

  it('names the variable in an environment error', () => {
    const line = parseCommandLine('serve', [], { MDM_PORT: 'abc' })
    expect(line.kind === 'error' && line.error).toEqual({
      code: 'env_invalid',
      message: 'MDM_PORT: port must be an integer between 1024 and 65535'
    })
  })

  it('the flag wins over a bad variable for the same flag, which is then not read', () => {
    const line = parseCommandLine('serve', ['--port', '8001'], { MDM_PORT: 'abc' })
    expect(line.kind === 'run' && cliOptions(line).port).toBe(8001)
  })

  it('--help is answered whatever the environment holds', () => {
    expect(parseCommandLine('serve', ['--help'], { MDM_PORT: 'abc', MDM_NO_MIRROR: 'maybe' })).toEqual({
      kind: 'help'
    })
  })

  it('a wrong flag is reported before a bad variable', () => {
    const line = parseCommandLine('serve', ['--bogus'], { MDM_PORT: 'abc' })
    expect(line.kind === 'error' && line.error.code).toBe('flag_unknown')
  })

  it('the demo refuses the endpoint flags with the reason, not as unknown', () => {
    const line = parseCommandLine('demo', ['--testnet'], {})
    expect(line.kind === 'error' && line.error).toEqual({
      code: 'flag_not_applicable',
      message: '--testnet does not apply to the demo: it always collects from its own simulator'
    })
  })
})

describe("the desktop app's MDM_* environment", () => {
  it('becomes the same settings patch serve would apply', () => {
    const env = { MDM_WS_URL: 'ws://127.0.0.1:9100/v5/public/spot', MDM_SYMBOLS: 'btcusdt,ethusdt', MDM_NO_MIRROR: '1' }
    expect(desktopEnvironment(env)).toEqual({
      ok: true,
      logLevel: 'info',
      patch: {
        wsUrl: 'ws://127.0.0.1:9100/v5/public/spot',
        symbols: ['BTCUSDT', 'ETHUSDT'],
        mirror: { enabled: false }
      },
      publish: null
    })
    expect(desktopEnvironment({ MDM_NO_MIRROR: 'off' })).toMatchObject({
      ok: true,
      patch: { mirror: { enabled: true } }
    })
    expect(desktopEnvironment({ MDM_USER_DATA_DIR: '/tmp/profile' })).toEqual({
      ok: true,
      logLevel: 'info',
      patch: {},
      userDataDir: '/tmp/profile',
      publish: null
    })
    // Forwarding to NATS for this run, parsed as serve parses --publish.
    expect(desktopEnvironment({ MDM_PUBLISH: 'nats://127.0.0.1:4222', MDM_PUBLISH_NO_CREATE: '1' })).toMatchObject({
      ok: true,
      publish: { servers: ['nats://127.0.0.1:4222'], stream: 'TRADES', createStream: false }
    })
    expect(desktopEnvironment({ MDM_PUBLISH: 'http://127.0.0.1:4222' })).toMatchObject({ ok: false })
  })

  it.each([
    ['MDM_NO_MIRROR', 'maybe'],
    ['MDM_TESTNET', 'sometimes'],
    ['MDM_WS_URL', 'ws://stream.example.com/v5'],
    ['MDM_LOG_LEVEL', 'loud']
  ])('%s=%s is refused exactly as serve refuses it', (name, value) => {
    const desktop = desktopEnvironment({ [name]: value })
    const serve = parseCommandLine('serve', [], { [name]: value })
    expect(desktop.ok).toBe(false)
    expect(serve.kind).toBe('error')
    if (desktop.ok || serve.kind !== 'error') return
    expect(desktop.error).toEqual(serve.error)
    expect(desktop.error.code).toBe('env_invalid')
    expect(desktop.error.message).toMatch(new RegExp(`^${name}: `))
  })
})
