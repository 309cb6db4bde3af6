// Reading what the forwarder put in a JetStream stream, as any other program would: every message
// with its subject and headers, from the first on (an ordered consumer), and the stream's numbers.
import { jetstream, jetstreamManager, type StreamInfo } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import type { TradeDto } from '../../src/shared/dto'

export interface StreamMessage {
  subject: string
  msgId: string | undefined
  seq: number
  trade: TradeDto
}

async function withConnection<T>(url: string, f: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: url, reconnect: false })
  try {
    return await f(nc)
  } finally {
    await nc.close()
  }
}

export async function streamInfo(url: string, stream = 'TRADES'): Promise<StreamInfo> {
  return withConnection(url, async (nc) => (await jetstreamManager(nc)).streams.info(stream))
}

/** Every message in the stream, in stream order. */
export async function readStream(url: string, stream = 'TRADES'): Promise<StreamMessage[]> {
  return withConnection(url, async (nc) => {
    const info = await (await jetstreamManager(nc)).streams.info(stream)
    const total = info.state.messages
    const out: StreamMessage[] = []
    if (total === 0) return out
    const consumer = await jetstream(nc).consumers.get(stream)
    const msgs = await consumer.consume({ max_messages: 1000 })
    for await (const m of msgs) {
      out.push({
        subject: m.subject,
        msgId: m.headers?.get('Nats-Msg-Id'),
        seq: m.seq,
        trade: m.json<TradeDto>()
      })
      if (m.seq >= info.state.last_seq) break
    }
    await msgs.close()
    return out
  })
}
