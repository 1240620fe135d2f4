import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Werkstroom } from '../app/werkstroom.ts';

export interface Metrics {
  readonly registry: Registry;
  observe(request: FastifyRequest, reply: FastifyReply): void;
  /** Refreshes the gauges read from the database, then renders the exposition text. */
  render(): Promise<string>;
}

export function createMetrics(app: Werkstroom): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'werkstroom_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'werkstroom_http_request_seconds',
    help: 'HTTP request duration.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const approvals = new Gauge({
    name: 'werkstroom_approval_entries',
    help: 'Approval entries by status, all companies.',
    labelNames: ['status'],
    registers: [registry],
  });
  const instances = new Gauge({
    name: 'werkstroom_workflow_instances_active',
    help: 'Running workflow instances.',
    registers: [registry],
  });
  return {
    registry,
    observe(request, reply) {
      const route = request.routeOptions.url ?? 'unknown';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    },
    async render() {
      const db = app.database.db;
      const rows = await db
        .selectFrom('approval_entry')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      approvals.reset();
      for (const row of rows) approvals.set({ status: row.status }, Number(row.n));
      const live = await db
        .selectFrom('workflow_instance')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      instances.set(Number(live.n));
      return registry.metrics();
    },
  };
}
