// The guide's "WebSocket not connecting", as one run: DNS → TCP → TLS → upgrade → subscribe → ping,
// each timed with a verdict, stopping at the first failure with what to try next.

import type { DiagnosticStep, DiagnosticStepId, DiagnosticsReport } from '../../../shared/dto'
import { proxyVariables } from './proxy'
import { notRun, STEP_TITLES } from './step'
import { dnsStep, parseEndpoint, tcpStep, tlsStep } from './transport-steps'
import { WebSocketProbe } from './websocket-steps'

export interface DiagnosticsOptions {
  url: string
  /** The symbol the subscribe round trip asks for. */
  symbol: string
  /** Per step. */
  stepTimeoutMs?: number
  env?: Record<string, string | undefined>
}

const ORDER: DiagnosticStepId[] = ['dns', 'tcp', 'tls', 'websocket', 'subscribe', 'ping']

export async function runNetworkDiagnostics(opts: DiagnosticsOptions): Promise<DiagnosticsReport> {
  const startedAt = Date.now()
  const timeoutMs = opts.stepTimeoutMs ?? 5000
  const steps: DiagnosticStep[] = []
  const proxy = proxyVariables(opts.env ?? process.env)
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
  const dns = await dnsStep(ep, timeoutMs)
  steps.push(dns.step)
  if (dns.step.status === 'fail' || dns.address === null) return report()
  const tcp = await tcpStep(ep, dns.address, timeoutMs)
  steps.push(tcp)
  if (tcp.status === 'fail') return report()
  const tls = await tlsStep(ep, dns.address, timeoutMs)
  steps.push(tls)
  if (tls.status === 'fail') return report()
  const probe = new WebSocketProbe(opts.url, timeoutMs)
  try {
    for (const run of [() => probe.upgrade(), () => probe.subscribe(opts.symbol), () => probe.ping()]) {
      const step = await run()
      steps.push(step)
      if (step.status === 'fail') break
    }
  } finally {
    await probe.close()
  }
  return report()
}
