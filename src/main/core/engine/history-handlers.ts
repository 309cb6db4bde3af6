// The durable tier's calls: trades over a time range (memory or disk), the history summary, and the
// desktop app's export to a file. Without `from`/`to`, `getTrades` answers from the rings exactly
// as it always did.

import type { TradesResponse } from '../../../shared/dto'
import type { HistorySymbol } from '../../../shared/dto-durable'
import { ApiError } from '../../../shared/contract'
import { errorMessage } from '../../../shared/guards'
import { hasTimeRange } from '../../../shared/time-range'
import { FileExporter } from '../durable/file-export'
import { queryRange, type HistorySources } from '../durable/trade-history'
import type { EngineContext, HandlerGroup } from './context'

export function historyHandlers(
  ctx: EngineContext
): HandlerGroup<'getTrades' | 'getHistory' | 'saveTradesExport' | 'cancelTradesExport'> {
  const sources = (): HistorySources => ({ storage: ctx.storage, durable: ctx.durable })
  const exporter = new FileExporter({
    sources,
    chooseFile: ctx.opts.chooseExportFile ?? null,
    emit: (progress) => ctx.hub.emit('export', progress)
  })
  return {
    getTrades: async (q): Promise<TradesResponse> => {
      if (!hasTimeRange(q)) {
        const trades = ctx.storage.query(q.limit, q.symbol).map((t) => t.toDto())
        return { count: trades.length, trades }
      }
      const { trades, source } = await queryRange(sources(), q)
      return { count: trades.length, trades: trades.map((t) => t.toDto()), source }
    },
    // `persist` as in the storage stats: the retention in force, and why there is no tier (off, or failing to open).
    // A tier whose file is not open (failing, retrying) answers like no tier: its state and code.
    getHistory: async () => {
      let symbols: HistorySymbol[] = []
      try {
        if (ctx.durable !== null) symbols = (await ctx.durable.history()).symbols
      } catch (err) {
        const persist = ctx.persistence.stats(ctx)
        if (persist.state === 'failing') return { persist, symbols: [] }
        throw new ApiError('unavailable', `the trades on disk could not be read: ${errorMessage(err)}`)
      }
      return { persist: ctx.persistence.stats(ctx), symbols }
    },
    saveTradesExport: (req) => exporter.save(req),
    cancelTradesExport: () => exporter.cancel()
  }
}
