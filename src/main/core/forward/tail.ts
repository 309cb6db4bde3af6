// Reading the forwarded trades back out of the stream, as any other program would: an ordered
// consumer on a subject filter, from now on or from the first message, each payload turned back
// into a Trade (what `npm run tail` prints with Trade.repr()).

import { DeliverPolicy, jetstream } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import type { TradeDto } from '../../../shared/dto'
import { Trade } from '../trade'
import type { ForwardConfig } from './forward-config'
import { connectOptions } from './nats-link'
import { natsFailure } from './nats-errors'
import { NatsLinkError } from './nats-link'

export interface TailOptions {
  subject: string
  fromStart: boolean
}

export function tradeFromDto(d: TradeDto): Trade {
  return new Trade({
    symbol: d.symbol,
    side: d.side,
    price: d.price,
    quantity: d.quantity,
    timestamp: d.timestamp,
    receivedAt: d.received_at,
    category: d.category,
    tradeId: d.trade_id,
    seq: d.seq,
    tickDirection: d.tick_direction,
    isBlockTrade: d.is_block_trade,
    isRpi: d.is_rpi,
    backfilled: d.backfilled
  })
}

/** Calls `onTrade` for each trade in the stream until `signal` aborts; rejects with a NatsLinkError. */
export async function tailTrades(
  cfg: Pick<ForwardConfig, 'servers' | 'credsFile' | 'tlsCaFile' | 'stream'>,
  opts: TailOptions,
  onTrade: (t: Trade, subject: string) => void,
  signal: AbortSignal
): Promise<void> {
  const nc = await connect({ ...(await connectOptions(cfg)), reconnect: true }).catch((e: unknown) => {
    throw new NatsLinkError(natsFailure(e, 'nats_unreachable'))
  })
  const stop = (): void => void nc.close()
  signal.addEventListener('abort', stop)
  try {
    const consumer = await jetstream(nc)
      .consumers.get(cfg.stream, {
        filter_subjects: opts.subject,
        deliver_policy: opts.fromStart ? DeliverPolicy.All : DeliverPolicy.New
      })
      .catch((e: unknown) => {
        throw new NatsLinkError(natsFailure(e, 'nats_stream_error'))
      })
    const msgs = await consumer.consume()
    signal.addEventListener('abort', () => void msgs.close())
    for await (const m of msgs) onTrade(tradeFromDto(m.json<TradeDto>()), m.subject)
  } finally {
    signal.removeEventListener('abort', stop)
    if (!nc.isClosed()) await nc.close()
  }
}
