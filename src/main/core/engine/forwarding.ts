// Forwarding to NATS JetStream over an engine run: the forwarder starts with the run (its outbox
// the durable tier when there is one) and stops after the collectors, so the last trades are sent.

import { NamedLog } from '../log/engine-log'
import { Forwarder } from '../forward/forwarder'
import type { EngineContext } from './context'

export function startForwarding(ctx: EngineContext): void {
  const cfg = ctx.opts.publish
  if (!cfg) return
  const backlog = ctx.opts.publishBacklog?.(ctx) ?? null
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
