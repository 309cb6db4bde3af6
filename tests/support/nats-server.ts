// The real nats-server the forwarding tests run against (shared with the bench's publish part).
export {
  NATS_SERVER_BIN,
  NATS_SKIP_REASON,
  startNatsServer,
  type NatsServer,
  type NatsServerOptions
} from '../../bench/nats-server'
