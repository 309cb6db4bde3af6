// The guide's "WebSocket not connecting", as one run: DNS → TCP → proxy → TLS → upgrade → subscribe
// → ping, each timed with a verdict, stopping at the first failure with what to try next. Through a
// proxy (the setting, or HTTPS_PROXY…), the proxy resolves and connects: the Proxy step asks it for
// the tunnel, and the WebSocket steps go through that tunnel as the collector's do.

import { HttpsProxyAgent } from 'https-proxy-agent'
import type { DiagnosticStep, DiagnosticStepId, DiagnosticsReport } from '../../../shared/dto'
import { proxyRouteFor, tunnelTarget, type ProxyRoute } from '../net/proxy-route'
import { errorMessage } from '../../../shared/guards'
import { proxyVariables } from './proxy'
import { directStep, proxyStep } from './proxy-step'
import { failed, notRun, skipped, STEP_TITLES } from './step'
import { dnsStep, parseEndpoint, tcpStep, tlsStep } from './transport-steps'
import { WebSocketProbe } from './websocket-steps'

export interface DiagnosticsOptions {
  url: string
  /** The symbol the subscribe round trip asks for. */
  symbol: string
  /** Per step. */
  stepTimeoutMs?: number
  /** The proxy setting, as the collector's: '' the environment's, `none`, or a URL. */
  proxy?: string
  /** Where proxy variables are listed from (the route itself is the process's, as the collector's). */
  env?: Record<string, string | undefined>
}

const ORDER: DiagnosticStepId[] = ['dns', 'tcp', 'proxy', 'tls', 'websocket', 'subscribe', 'ping']

export async function runNetworkDiagnostics(opts: DiagnosticsOptions): Promise<DiagnosticsReport> {
  const startedAt = Date.now()
  const timeoutMs = opts.stepTimeoutMs ?? 5000
  const steps: DiagnosticStep[] = []
  const setting = opts.proxy ?? ''
  let route: ProxyRoute | null = null
  let note: string | null = null
  let badProxy: string | null = null
  try {
    ;({ route, note } = proxyRouteFor(opts.url, setting))
  } catch (e) {
    badProxy = errorMessage(e)
  }
  const proxy = proxyVariables(opts.env ?? process.env, route, note)
  const report = (): DiagnosticsReport => {
    const failedStep = steps.find((s) => s.status === 'fail') ?? null
    if (failedStep) for (const id of ORDER.slice(steps.length)) steps.push(notRun(id, STEP_TITLES[failedStep.id]))
    return {
      url: opts.url,
      symbol: opts.symbol,
      started_at: startedAt,
      finished_at: Date.now(),
      ok: failedStep === null,
      failed_step: failedStep ? failedStep.id : null,
      steps,
      proxy
    }
  }
  const ep = parseEndpoint(opts.url)
  const target = tunnelTarget(opts.url)
  if (badProxy !== null || route !== null) {
    steps.push(skipped('dns', `through a proxy: the proxy resolves ${ep.host}`))
    steps.push(skipped('tcp', `through a proxy: the connection goes to the proxy (see the next step)`))
    const step =
      route === null
        ? failed('proxy', null, badProxy ?? 'unusable proxy', ['Fix the proxy URL: http://[user:password@]host:port'])
        : await proxyStep(route, target, ep.secure, timeoutMs)
    steps.push(step)
    if (step.status === 'fail') return report()
    steps.push(
      skipped('tls', `inside the tunnel: checked by the WebSocket upgrade${ep.secure ? '' : ' (ws://: no TLS)'}`)
    )
  } else {
    const dns = await dnsStep(ep, timeoutMs)
    steps.push(dns.step)
    if (dns.step.status === 'fail' || dns.address === null) return report()
    const tcp = await tcpStep(ep, dns.address, timeoutMs)
    steps.push(tcp)
    if (tcp.status === 'fail') return report()
    steps.push(directStep(setting, note))
    const tls = await tlsStep(ep, dns.address, timeoutMs)
    steps.push(tls)
    if (tls.status === 'fail') return report()
  }
  const agent = route ? new HttpsProxyAgent(route.url) : undefined
  const probe = new WebSocketProbe(opts.url, timeoutMs, agent)
  try {
    for (const run of [() => probe.upgrade(), () => probe.subscribe(opts.symbol), () => probe.ping()]) {
      const step = await run()
      steps.push(step)
      if (step.status === 'fail') break
    }
  } finally {
    await probe.close()
    agent?.destroy()
  }
  return report()
}
