import { effectiveWsUrl } from '../../../shared/settings'
import { marketsOf } from '../../../shared/markets'
import { checkMirrorPort } from '../diagnostics/mirror-port'
import { runNetworkDiagnostics } from '../diagnostics/network-diagnostics'
import { buildMarkdownReport } from '../report/markdown-report'
import type { EngineContext, HandlerGroup } from './context'
import { engineHealth } from './status-handlers'

type DebugCall =
  | 'getTasks'
  | 'getLogs'
  | 'getSamples'
  | 'getRuntime'
  | 'getChecklist'
  | 'runDiagnostics'
  | 'getResources'
  | 'getReport'
  | 'checkMirrorPort'

export function debugHandlers(ctx: EngineContext): HandlerGroup<DebugCall> {
  const { log, engineLog, opts } = ctx
  const getRuntime: HandlerGroup<'getRuntime'>['getRuntime'] = () => ({
    app: 'market-data-monitor',
    version: opts.version ?? '0.1.0',
    mode: opts.mode ?? 'headless',
    started_at: ctx.startedAt,
    node: process.version,
    mirror: { ...ctx.mirror }
  })
  return {
    getTasks: () => ctx.tasks.snapshot(),
    getLogs: ({ limit, level, code }) => {
      const entries = log.recent(limit, level, code)
      return { count: entries.length, entries }
    },
    getSamples: () => {
      const samples = ctx.rates.list()
      return { count: samples.length, samples }
    },
    getRuntime,
    getChecklist: () => ctx.checklist.evaluate(),
    runDiagnostics: async () => {
      const url = effectiveWsUrl(ctx.settings)
      engineLog.info(`Network diagnostics for ${url} started`)
      const report = await runNetworkDiagnostics({
        url,
        symbol: diagnosticSymbol(ctx),
        proxy: ctx.settings.proxy
      })
      ctx.lastDiagnostics = report
      const failed = report.steps.find((s) => s.status === 'fail')
      if (failed)
        engineLog.warning(`Network diagnostics: ${failed.title} failed: ${failed.verdict}`, 'diagnostics_failed')
      else engineLog.info(`Network diagnostics: every step passed for ${url}`)
      return report
    },
    getResources: () => ctx.resources.snapshot(),
    getReport: async () => {
      const generatedAt = Date.now()
      const markdown = buildMarkdownReport({
        generatedAt,
        runtime: getRuntime(),
        settings: ctx.settings,
        health: engineHealth(ctx),
        checklist: await ctx.checklist.evaluate(),
        collectors: Object.values(ctx.manager.statuses()),
        stats: ctx.storage.stats(),
        diagnostics: ctx.lastDiagnostics,
        resources: ctx.resources.snapshot().current,
        logs: log.recent(50)
      })
      return { generated_at: generatedAt, markdown }
    },
    checkMirrorPort: async ({ port }) => {
      const { mirror, settings } = ctx
      const target = port ?? (mirror.state === 'listening' ? mirror.port : settings.mirror.port)
      const result = await checkMirrorPort({
        host: settings.mirror.host === 'localhost' ? '127.0.0.1' : settings.mirror.host,
        port: target,
        mirror
      })
      engineLog.info(`Mirror port check: ${result.message}${result.ok ? '' : ` ${result.detail}`}`)
      return result
    }
  }
}

/** A symbol the first category serves: the first one given, else (ALL) the first one collected, else BTCUSDT. */
function diagnosticSymbol(ctx: EngineContext): string {
  const first = marketsOf(ctx.settings.category, ctx.settings.symbols).markets[0]
  if (first && first.symbols !== 'ALL') return first.symbols[0]
  const topics = ctx.manager.all()[0]?.status().subscriptions ?? []
  return topics.find((t) => t.category === first?.category)?.symbol ?? 'BTCUSDT'
}
