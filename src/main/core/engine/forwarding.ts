// Forwarding to NATS JetStream over an engine run: the forwarder starts with the run (its outbox
// the durable tier when there is one) and stops after the collectors, so the last trades are sent.

import { NamedLog } from '../log/engine-log'
import { durableBacklog } from '../forward/durable-backlog'
import { Forwarder } from '../forward/forwarder'
import type { EngineContext } from './context'

export function startForwarding(ctx: EngineContext): void {
  const cfg = ctx.opts.publish
  if (!cfg) return
  // With a data dir the outbox is the durable tier (cursor and trades in its file); else memory only.
  const backlog = ctx.opts.publishBacklog?.(ctx) ?? (ctx.durable ? durableBacklog(ctx.durable, cfg.stream) : null)
  const f = new Forwarder(cfg, {
    log: new NamedLog(ctx.log, 'publish'),
    task: ctx.tasks.register('publish.nats', `forwarding trades to ${cfg.servers.join(', ')}`),
    backlog,
    random: ctx.opts.random
  })
  ctx.forward = f
  f.start()
}

export async function stopForwarding(ctx: EngineContext): Promise<void> {
  await ctx.forward?.stop()
}
