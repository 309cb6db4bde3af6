// Which proxy a connection uses, as curl decides it: the variables by scheme (lower case first),
// NO_PROXY names with their subdomains, IPs and CIDR ranges, ports; credentials never shown.
import { describe, expect, it } from 'vitest'
import { noProxyEntry, proxyRouteFor, redactProxy } from '../../src/main/core/net/proxy-route'

const BYBIT = 'wss://stream.bybit.com/v5/public/spot'
const route = (target: string, setting: string, env: NodeJS.ProcessEnv) => proxyRouteFor(target, setting, env)

describe('proxyRouteFor', () => {
  it('wss:// goes by https_proxy (lower case first), ws:// by http_proxy, then all_proxy', () => {
    const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:3128' }
    expect(route(BYBIT, '', env).route).toMatchObject({ url: 'http://lower:3128', source: 'https_proxy' })
    expect(route('ws://127.0.0.1:9100/v5/public/spot', '', env).route?.source).toBe('HTTP_PROXY')
    expect(route(BYBIT, '', { ALL_PROXY: 'http://all:3128' }).route?.source).toBe('ALL_PROXY')
    expect(route(BYBIT, '', {}).route).toBeNull()
  })

  it('the setting wins over the environment; `none` disables both; a value without a scheme is http://', () => {
    const env = { HTTPS_PROXY: 'http://env:3128' }
    expect(route(BYBIT, 'corp:8080', env).route).toMatchObject({ url: 'http://corp:8080', source: 'proxy setting' })
    expect(route(BYBIT, 'NONE', env)).toEqual({ route: null, note: null })
    expect(route(BYBIT, '', { HTTPS_PROXY: '10.0.0.1:3128' }).route?.url).toBe('http://10.0.0.1:3128')
  })

  it('NO_PROXY exempts from the setting and the environment alike, and says which entry did', () => {
    const d = route(BYBIT, 'http://corp:8080', { NO_PROXY: 'localhost, bybit.com' })
    expect(d).toEqual({ route: null, note: 'NO_PROXY entry "bybit.com" exempts stream.bybit.com: direct' })
  })
})

describe('noProxyEntry (curl rules)', () => {
  it.each([
    ['stream.bybit.com', 443, 'bybit.com', 'bybit.com'],
    ['stream.bybit.com', 443, '.bybit.com', '.bybit.com'],
    ['stream.bybit.com', 443, '*.bybit.com', '*.bybit.com'],
    ['bybit.com', 443, '.bybit.com', '.bybit.com'],
    ['notbybit.com', 443, 'bybit.com', null],
    ['stream.bybit.com', 443, 'bybit.com:80', null],
    ['stream.bybit.com', 443, 'bybit.com:443', 'bybit.com:443'],
    ['10.1.2.3', 443, '10.0.0.0/8', '10.0.0.0/8'],
    ['11.1.2.3', 443, '10.0.0.0/8', null],
    ['127.0.0.1', 9100, '127.0.0.1', '127.0.0.1'],
    ['[::1]', 9100, '::1', '::1'],
    ['[::1]', 9100, '[::1]:9100', '[::1]:9100'],
    ['anything.example', 1, '*', '*']
  ])('%s:%i against %s', (host, port, list, want) => {
    expect(noProxyEntry(host, port, list)).toBe(want)
  })
})

describe('redactProxy', () => {
  it.each([
    ['http://user:secret@proxy:3128', 'http://***@proxy:3128'],
    ['user:secret@proxy:3128', '***@proxy:3128'],
    ['http://user:p@ss@proxy:3128', 'http://***@proxy:3128'],
    ['http://proxy:3128', 'http://proxy:3128'],
    ['proxy.corp:3128', 'proxy.corp:3128']
  ])('%s → %s', (value, shown) => {
    expect(redactProxy(value)).toBe(shown)
  })
})
