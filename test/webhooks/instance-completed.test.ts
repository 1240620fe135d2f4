import { expect, it } from 'vitest';
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { runPurchaseOrderWalkthrough } from '../../src/demo/walkthrough.ts';
import { createWebhookSubscription } from '../../src/webhooks/index.ts';
import { describeEachDialect } from '../support/dialects.ts';

describeEachDialect('webhooks for finished workflow instances', (db) => {
  it('a workflow instance that finishes queues an instance-completed delivery in the same transaction', async () => {
    const app = await openWerkstroom({ database: db(), modules: businessModules });
    const summary = await runPurchaseOrderWalkthrough(app, () => undefined);
    // Subscribe after seeding, then run the walkthrough's decision again on a fresh order.
    await app.run({ company: 'DEMO', userId: 'ADMIN' }, async (ctx) => {
      await createWebhookSubscription(ctx, { url: 'http://127.0.0.1:9/hook', events: ['instance-completed'] });
    });
    const second = await runPurchaseOrderWalkthrough(app, () => undefined);
    expect(summary.document.status).toBe('Released');
    expect(second.document.status).toBe('Released');
    const deliveries = await db()
      .db.selectFrom('webhook_delivery')
      .select(['event', 'payload'])
      .where('event', '=', 'instance-completed')
      .execute();
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]?.payload ?? '{}')).toMatchObject({
      workflowCode: 'WS-POAPW-01',
      recordTable: 'purchase-header',
      recordKey: JSON.stringify(['order', second.document.no]),
    });
    await app.close();
  });
});
