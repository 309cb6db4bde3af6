// The `publish` setting: what the validator accepts and refuses, how a URL's password is shown, and a
// settings change that starts forwarding to a real nats-server live and stops it again.
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { applySettingsPatch, parseSettingsPatch } from '../../src/shared/validate'
import { maskPublishUrl } from '../../src/shared/validate-publish'
import { desktopEnvironment } from '../../src/main/host/flags/engine-flags'
import { NATS_SKIP_REASON, startNatsServer, type NatsServer } from '../support/nats-server'
import { readStream } from '../support/nats-stream'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

describe('the publish setting', () => {
  it('is off by default', () => {
    expect(DEFAULT_SETTINGS.publish).toEqual({
      urls: [],
      stream: 'TRADES',
      noCreate: false,
      credsFile: null,
      tlsCaFile: null
    })
  })

  it('accepts nats:// and tls:// URLs, a stream name, file paths and the no-create switch', () => {
    const r = parseSettingsPatch({
      publish: {
        urls: [' nats://127.0.0.1:4222 ', 'tls://u:p@nats.example:4443', '', 'nats://127.0.0.1:4222'],
        stream: 'MY_TRADES-1',
        noCreate: true,
        credsFile: '/etc/nats/user.creds',
        tlsCaFile: ''
      }
    })
    expect(r).toEqual({
      ok: true,
      value: {
        publish: {
          urls: ['nats://127.0.0.1:4222', 'tls://u:p@nats.example:4443'],
          stream: 'MY_TRADES-1',
          noCreate: true,
          credsFile: '/etc/nats/user.creds',
          tlsCaFile: null
        }
      }
    })
    const applied = applySettingsPatch(DEFAULT_SETTINGS, { publish: { urls: ['nats://h:1'] } })
    expect(applied.publish).toEqual({ ...DEFAULT_SETTINGS.publish, urls: ['nats://h:1'] })
  })

  it.each([
    [{ urls: 'nats://h:4222' }, 'publish.urls must be a list of nats://HOST:PORT'],
    [{ urls: ['http://h:4222'] }, 'publish.urls: must be nats://HOST:PORT or tls://HOST:PORT (got http://)'],
    [{ urls: ['nats://u:secret@'] }, 'publish.urls: not a URL: "nats://u:***@"'],
    [{ stream: 'a b' }, 'publish.stream: a stream name is 1–64 letters, digits, - or _'],
    [{ noCreate: 'yes' }, 'publish.noCreate must be true or false'],
    [{ credsFile: 3 }, 'publish.credsFile must be a path or null'],
    [{ subject: 'x' }, 'unknown setting "publish.subject"'],
    ['nats://h', 'publish must be an object']
  ])('refuses %j', (publish, error) => {
    expect(parseSettingsPatch({ publish })).toEqual({ ok: false, error })
  })

  it('MDM_PUBLISH and its companions override the setting; without them the patch leaves it alone', () => {
    const env = desktopEnvironment({
      MDM_PUBLISH: 'nats://a:4222,nats://b:4222',
      MDM_PUBLISH_STREAM: 'DESK',
      MDM_PUBLISH_NO_CREATE: '1',
      MDM_PUBLISH_CREDS: '/x.creds'
    })
    expect(env.ok && env.patch.publish).toEqual({
      urls: ['nats://a:4222', 'nats://b:4222'],
      stream: 'DESK',
      noCreate: true,
      credsFile: '/x.creds',
      tlsCaFile: null
    })
    const none = desktopEnvironment({})
    expect(none.ok && 'publish' in none.patch).toBe(false)
  })

  it('shows a URL with its password or token masked, the user kept', () => {
    expect(maskPublishUrl('nats://alice:s3cr3t@nats.example:4222')).toBe('nats://alice:***@nats.example:4222')
    // A token alone (no colon) is a secret too.
    expect(maskPublishUrl('nats://token@h:4222')).toBe('nats://***@h:4222')
    expect(maskPublishUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222')
  })
})

describe.skipIf(NATS_SKIP_REASON !== null)(`the publish setting, live ${NATS_SKIP_REASON ?? ''}`, () => {
  let nats: NatsServer | null = null
  let stack: Stack | null = null
  afterEach(async () => {
    await stack?.close()
    stack = null
    await nats?.close()
    nats = null
  })

  it('a change to publish.urls starts forwarding and trades reach the stream; urls [] stops it', async () => {
    nats = await startNatsServer()
    stack = await startStack({ engine: { settings: { category: 'spot', symbols: ['BTCUSDT'] } } })
    const engine = stack.engine
    await waitSubscribed(engine)
    expect(engine.handlers.getPublishStatus().state).toBe('off')

    const applied = await engine.handlers.updateSettings({ publish: { urls: [nats.url], stream: 'LIVE' } })
    expect(applied.publish).toMatchObject({ urls: [nats.url], stream: 'LIVE' })
    stack.sim.emitTrades('spot', 'BTCUSDT', 25)
    await waitFor(
      () => {
        const s = engine.handlers.getPublishStatus()
        return s.state === 'connected' && s.acknowledged === 25 && s.pending === 0
      },
      { what: '25 acknowledged', timeoutMs: 10_000 }
    )
    const msgs = await readStream(nats.url, 'LIVE')
    expect(msgs.map((m) => m.subject)).toEqual(Array(25).fill('trades.bybit.spot.BTCUSDT'))

    await engine.handlers.updateSettings({ publish: { urls: [] } })
    expect(engine.handlers.getPublishStatus().state).toBe('off')
    stack.sim.emitTrades('spot', 'BTCUSDT', 10)
    await waitFor(() => engine.handlers.getStorageStats().total_trades === 35, { what: '35 stored' })
    expect(engine.handlers.getPublishStatus().state).toBe('off')
    expect(await readStream(nats.url, 'LIVE')).toHaveLength(25)
  })
})
