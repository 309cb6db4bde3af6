// One CONNECT to the proxy, to read its answer: the diagnostics' Proxy step, and the REST client's
// way to tell "the proxy refused (407)" from "the proxy is down" after undici hides the status.
// It opens the tunnel only to close it: no traffic goes through a hand-made tunnel.
import { request } from 'node:http'
import { request as requestTls } from 'node:https'
import type { ProxyRoute } from './proxy-route'

export type ProxyProbe =
  | { reached: true; status: number; statusText: string; durationMs: number }
  | { reached: false; error: string; durationMs: number }

export function probeProxyConnect(route: ProxyRoute, target: string, timeoutMs: number): Promise<ProxyProbe> {
  const proxy = new URL(route.url)
  const started = performance.now()
  const took = (): number => Math.round(performance.now() - started)
  const headers: Record<string, string> = { host: target }
  if (proxy.username !== '' || proxy.password !== '') {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
    headers['proxy-authorization'] = `Basic ${Buffer.from(user).toString('base64')}`
  }
  const make = proxy.protocol === 'https:' ? requestTls : request
  return new Promise((resolve) => {
    const req = make({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      timeout: timeoutMs
    })
    // Node emits `connect` for every answer to CONNECT, 200 or not.
    req.on('connect', (res, socket) => {
      socket.destroy()
      resolve({ reached: true, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', durationMs: took() })
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ reached: false, error: e.code ?? e.message, durationMs: took() })
    )
    req.end()
  })
}
