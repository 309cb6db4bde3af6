// The Proxy step: when the exchange is reached through an HTTP CONNECT proxy, ask it for the tunnel
// the collector would ask for, timed, and quote its status line when it refuses.

import type { DiagnosticStep } from '../../../shared/dto'
import { probeProxyConnect } from '../net/proxy-probe'
import { SETTING_SOURCE, type ProxyRoute } from '../net/proxy-route'
import { failed, passed, skipped } from './step'

/** Where the user changes this route's proxy, in words. */
function whereSet(route: ProxyRoute): string {
  return route.source === SETTING_SOURCE ? 'Settings → Proxy, --proxy or MDM_PROXY' : `the ${route.source} variable`
}

/** curl through the same proxy to the same host: the credentials stay out of the command line's URL. */
function curlThrough(route: ProxyRoute, target: string, secure: boolean): string {
  const proxy = new URL(route.url)
  const user = proxy.username !== '' ? ` --proxy-user '<user>:<password>'` : ''
  const host = target.replace(secure ? /:443$/ : /:80$/, '')
  return `\`curl -sS -o /dev/null -w '%{http_code}' -x ${proxy.protocol}//${proxy.host}${user} ${secure ? 'https' : 'http'}://${host}/\``
}

function refusalAdvice(status: number, route: ProxyRoute, target: string): string[] {
  if (status === 407)
    return [
      `The proxy wants credentials: put them in the proxy URL, http://user:password@host:port (${whereSet(route)}); percent-encode special characters.`
    ]
  if (status === 403 || status === 405)
    return [`The proxy does not allow CONNECT to ${target}: ask for ${target} to be allowed (Bybit needs port 443).`]
  return [`The proxy could not open the tunnel to ${target}: check that the host is reachable from the proxy.`]
}

export async function proxyStep(
  route: ProxyRoute,
  target: string,
  secure: boolean,
  timeoutMs: number
): Promise<DiagnosticStep> {
  const via = `${route.display} (${route.source})`
  const details = { proxy: route.display, source: route.source, target }
  const probe = await probeProxyConnect(route, target, timeoutMs)
  if (!probe.reached)
    return failed(
      'proxy',
      probe.durationMs,
      `the proxy ${via} could not be reached: ${probe.error}`,
      [
        `Check the proxy's host and port (${whereSet(route)}), and that it runs: ${curlThrough(route, target, secure)}`,
        'Wrong proxy, or none needed here: set Settings → Proxy to "none" (or run `npm run serve -- --proxy none`), or add the host to NO_PROXY.'
      ],
      { ...details, code: probe.error }
    )
  if (probe.status !== 200)
    return failed(
      'proxy',
      probe.durationMs,
      `the proxy ${via} answered "${probe.status} ${probe.statusText}" to CONNECT ${target}`,
      refusalAdvice(probe.status, route, target),
      { ...details, status: probe.status, status_line: `${probe.status} ${probe.statusText}` }
    )
  return passed('proxy', probe.durationMs, `the proxy ${via} opened a tunnel to ${target}`, details)
}

/** No proxy for this URL: say why (`none`, nothing configured, or the note of the decision: NO_PROXY, an unusable variable). */
export function directStep(setting: string, note: string | null): DiagnosticStep {
  if (setting.trim().toLowerCase() === 'none')
    return skipped('proxy', 'no proxy: the setting is "none" (direct connection)')
  if (note !== null) return skipped('proxy', `no proxy: ${note}`)
  return skipped('proxy', 'no proxy configured: direct connection')
}
