import type { DiagnosticStep, DiagnosticStepId } from '../../../shared/dto'

export type StepDetails = DiagnosticStep['details']

export const STEP_TITLES: Record<DiagnosticStepId, string> = {
  dns: 'DNS resolution',
  tcp: 'TCP connect',
  proxy: 'Proxy tunnel (CONNECT)',
  tls: 'TLS handshake',
  websocket: 'WebSocket upgrade',
  subscribe: 'Subscribe round trip',
  ping: 'Ping round trip'
}

export function passed(id: DiagnosticStepId, ms: number, verdict: string, details: StepDetails = {}): DiagnosticStep {
  return { id, title: STEP_TITLES[id], status: 'pass', duration_ms: ms, verdict, details, advice: [] }
}

export function failed(
  id: DiagnosticStepId,
  ms: number | null,
  verdict: string,
  advice: string[],
  details: StepDetails = {}
): DiagnosticStep {
  return { id, title: STEP_TITLES[id], status: 'fail', duration_ms: ms, verdict, details, advice }
}

export function skipped(id: DiagnosticStepId, verdict: string): DiagnosticStep {
  return { id, title: STEP_TITLES[id], status: 'skipped', duration_ms: null, verdict, details: {}, advice: [] }
}

export function notRun(id: DiagnosticStepId, after: string): DiagnosticStep {
  return {
    id,
    title: STEP_TITLES[id],
    status: 'not_run',
    duration_ms: null,
    verdict: `not run: ${after} failed`,
    details: {},
    advice: []
  }
}

/** Milliseconds since `start` (a `performance.now()`), one decimal. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10
}

export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' ? code : 'ERROR'
}

export function errorText(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e))
  const code = (err as NodeJS.ErrnoException).code
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message
}
