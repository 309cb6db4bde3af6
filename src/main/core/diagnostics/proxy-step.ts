// The Proxy step: when the exchange is reached through an HTTP CONNECT proxy, ask it for the tunnel
// the collector would ask for, timed, and quote its status line when it refuses.

import type { DiagnosticStep } from '../../../shared/dto'
import { probeProxyConnect } from '../net/proxy-probe'
import type { ProxyRoute } from '../net/proxy-route'
import { failed, passed, skipped } from './step'

function refusalAdvice(status: number, route: ProxyRoute, target: string): string[] {
  if (status === 407)
    return [
      'The proxy wants credentials: put them in the proxy URL, http://user:password@host:port (Settings → Proxy, or the ' +
        `${route.source === '--proxy' ? '--proxy flag' : `${route.source} variable`}); percent-encode special characters.`
    ]
  if (status === 403 || status === 405)
    return [`The proxy does not allow CONNECT to ${target}: ask for ${target} to be allowed (Bybit needs port 443).`]
  return [`The proxy could not open the tunnel to ${target}: check that the host is reachable from the proxy.`]
}

export async function proxyStep(route: ProxyRoute, target: string, timeoutMs: number): Promise<DiagnosticStep> {
  const via = `${route.display} (${route.source})`
  const details = { proxy: route.display, source: route.source, target }
  const probe = await probeProxyConnect(route, target, timeoutMs)
  if (!probe.reached)
    return failed(
      'proxy',
      probe.durationMs,
      `the proxy ${via} could not be reached: ${probe.error}`,
      [
        `Check the proxy's host and port, and that it runs: curl -sS -o /dev/null -w '%{http_code}\\n' -x ${route.display} https://${target.replace(/:443$/, '')}/`,
        'Wrong proxy, or none needed here: set Settings → Proxy to "none" (or --proxy none), or add the host to NO_PROXY.'
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

/** No proxy for this URL: say why (none configured, `none`, or NO_PROXY). */
export function directStep(setting: string, noProxy: string | undefined): DiagnosticStep {
  if (setting === 'none') return skipped('proxy', 'no proxy: the setting is "none" (direct connection)')
  if (noProxy) return skipped('proxy', `no proxy for this host (NO_PROXY=${noProxy}): direct connection`)
  return skipped('proxy', 'no proxy configured: direct connection')
}
