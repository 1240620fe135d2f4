import type { Werkstroom } from '../../../src/app/werkstroom.ts';
import type { Database } from '../../../src/db/schema.ts';
import { enableWorkflow } from '../../../src/engine/definition/enable.ts';
import { addLine, createDocument, documentKey } from '../../../src/records/index.ts';
import { workflowFromTemplate } from '../../../src/templates/index.ts';
import { COMPANY } from './client.ts';

/** A document created through the library, as `userId`; one line per quantity given. */
export async function libraryDocument(
  app: Werkstroom,
  userId: string,
  area: 'purchase' | 'sales',
  partyNo: string,
  lines: readonly { no: string; quantity: string }[] = [{ no: '1001', quantity: '1' }],
  documentType = 'order',
): Promise<{ no: string; key: string }> {
  return app.run({ company: COMPANY, userId }, async (ctx) => {
    const created = await createDocument(ctx, { area, documentType, partyNo });
    for (const line of lines) await addLine(ctx, created, { type: 'item', ...line });
    return { no: created.no, key: documentKey(created) };
  });
}

/** Enables workflows from templates that the demo leaves off (vendor, item approval). */
export async function enableTemplates(app: Werkstroom, ...templates: string[]): Promise<void> {
  await app.run({ company: COMPANY, userId: 'ADMIN' }, async (ctx) => {
    for (const template of templates) {
      await workflowFromTemplate(ctx, template);
      await enableWorkflow(ctx, `${template}-01`);
    }
  });
}

const COUNTED = [
  'approval_entry',
  'approval_entry_event',
  'approval_comment',
  'notification_entry',
  'workflow_instance',
  'workflow_instance_archive',
  'restricted_record',
] as const satisfies readonly (keyof Database)[];

/** Row counts of every table a send writes to, plus each document's status and revision. */
export async function footprint(app: Werkstroom): Promise<Record<string, unknown>> {
  const db = app.database.db;
  const counts: Record<string, unknown> = {};
  for (const table of COUNTED) {
    const row = await db
      .selectFrom(table)
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  counts.documents = await db
    .selectFrom('document_header')
    .select(['area', 'document_type', 'no', 'status', 'revision'])
    .orderBy('area')
    .orderBy('no')
    .execute();
  return counts;
}
