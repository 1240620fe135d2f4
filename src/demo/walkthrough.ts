import type { Werkstroom } from '../app/werkstroom.ts';
import { entriesOfRequest, listEntries } from '../approvals/index.ts';
import { approveEntries, sendApprovalRequest } from '../approvals/user-actions.ts';
import { listArchivedInstances } from '../engine/execution/instance-queries.ts';
import { addLine, createDocument, documentKey, getDocument } from '../records/index.ts';
import { DEMO_COMPANY } from './demo-data.ts';
import { seedDemoCompany } from './seed.ts';

export interface WalkthroughSummary {
  readonly scenario: 'purchase-order-approval';
  readonly document: { readonly no: string; readonly status: string };
  readonly approvalEntries: readonly {
    readonly sequence: number;
    readonly approver: string;
    readonly status: string;
  }[];
}

/**
 * The purchase-order walkthrough (spec §2.21): Alicia's order goes to Sean, who approves it,
 * and the order is released. Each step is told as a person would read it.
 */
export async function runPurchaseOrderWalkthrough(
  app: Werkstroom,
  print: (line: string) => void,
): Promise<WalkthroughSummary> {
  const seeded = await seedDemoCompany(app);
  print(
    `1. Demo company ${seeded.company} ${seeded.created ? 'created' : 'already there'}: Alicia's purchases are approved by Sean, who has no purchase limit.`,
  );
  const as = (userId: string) => ({ company: DEMO_COMPANY.code, userId });

  const order = await app.run(as('ALICIA'), async (ctx) => {
    const created = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V10000' });
    await addLine(ctx, created, { type: 'item', no: '1001', quantity: '2' });
    return getDocument(ctx, 'purchase', 'order', created.no);
  });
  print(
    `2. Alicia creates purchase order ${order.no} for ${order.partyName}: ${order.amount} ${order.currencyCode || 'EUR'}, status ${order.status}.`,
  );

  const key = documentKey(order);
  const sent = await app.run(as('ALICIA'), (ctx) => sendApprovalRequest(ctx, 'purchase-header', key));
  const pending = await app.run(as('ALICIA'), (ctx) => getDocument(ctx, 'purchase', 'order', order.no));
  print(`3. Alicia sends it for approval. ${sent.messages.join(' ')} The order is now ${pending.status}.`);
  for (const entry of sent.entries) {
    print(`   - sequence ${entry.sequence}: ${entry.approverId} ${entry.status} (${entry.reason})`);
  }

  const waiting = await app.run(as('SEAN'), (ctx) => listEntries(ctx, 'to-approve'));
  print(
    `4. Sean opens his requests to approve and finds ${waiting.length}: ${waiting.map((e) => `${e.documentNo} for ${e.amount}`).join(', ')}.`,
  );
  await app.run(as('SEAN'), (ctx) =>
    approveEntries(
      ctx,
      waiting.filter((e) => e.recordKey === key).map((e) => e.id),
      { channel: 'cli' },
    ),
  );

  const result = await app.run(as('SEAN'), async (ctx) => ({
    document: await getDocument(ctx, 'purchase', 'order', order.no),
    entries: await entriesOfRequest(ctx, 'purchase-header', key, sent.instanceId),
    archived: await listArchivedInstances(ctx, { recordTable: 'purchase-header', recordKey: key }),
  }));
  print(
    `5. Sean approves. The order is ${result.document.status}; its workflow instance is finished and archived (${result.archived.length}).`,
  );
  return {
    scenario: 'purchase-order-approval',
    document: { no: result.document.no, status: result.document.status },
    approvalEntries: result.entries.map((e) => ({ sequence: e.sequence, approver: e.approverId, status: e.status })),
  };
}
