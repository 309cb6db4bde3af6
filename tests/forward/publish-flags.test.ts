// The --publish flags as serve and demo read them: the forwarder's config, and bad values refused
// with a coded error (exit 2 at the entry point) rather than read as a default.
import { describe, expect, it } from 'vitest'
import { cliOptions } from '../../src/cli/flags'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'

describe('--publish flags', () => {
  it('build the forwarder config; absent, forwarding is off', () => {
    const off = parseCommandLine('serve', [], {})
    expect(off.kind === 'run' && cliOptions(off).publish).toBeNull()
    const line = parseCommandLine(
      'serve',
      [
        '--publish',
        'nats://a:4222,nats://b:4222',
        '--publish-stream',
        'DESK',
        '--publish-no-create',
        '--publish-max-gb',
        '2'
      ],
      { MDM_PUBLISH_IN_FLIGHT: '1024' }
    )
    expect(line.kind).toBe('run')
    if (line.kind !== 'run') return
    expect(cliOptions(line).publish).toMatchObject({
      servers: ['nats://a:4222', 'nats://b:4222'],
      stream: 'DESK',
      createStream: false,
      maxInFlight: 1024,
      limits: { maxBytes: 2 * 1024 ** 3, maxAgeMs: 7 * 24 * 3_600_000 }
    })
    const demo = parseCommandLine('demo', [], { MDM_PUBLISH: 'nats://127.0.0.1:4222' })
    expect(demo.kind === 'run' && cliOptions(demo).publish?.servers).toEqual(['nats://127.0.0.1:4222'])
  })

  it.each([
    [['--publish', 'http://127.0.0.1:4222'], '--publish: must be nats://HOST:PORT or tls://HOST:PORT'],
    [['--publish', 'nats:/'], '--publish: '],
    [['--publish', 'nats://x', '--publish-stream', 'a.b'], '--publish-stream: a stream name is'],
    [
      ['--publish', 'nats://x', '--publish-in-flight', '0'],
      '--publish-in-flight: in-flight publishes must be an integer'
    ]
  ])('%j is refused', (argv, message) => {
    const line = parseCommandLine('serve', argv, {})
    expect(line.kind === 'error' && line.error.code).toBe('flag_invalid')
    expect(line.kind === 'error' && line.error.message).toContain(message)
  })

  it('never shows a password from a bad URL', () => {
    const line = parseCommandLine('serve', ['--publish', 'nats://user:secret@'], {})
    expect(line.kind === 'error' && line.error.message).not.toContain('secret')
  })
})
