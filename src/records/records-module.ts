import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { defineModule } from '../engine/registry-types.ts';
import { CUSTOMER_RECORD_TABLE } from './customers.ts';
import { findLinesWhere, loadLineData } from './document-lines.ts';
import { headerFields, LINE_FIELDS } from './document-rows.ts';
import { type DocumentArea, HEADER_TABLES, LINE_TABLES, PARTY_TABLES } from './document-types.ts';
import { findDocumentsWhere, loadDocumentData } from './documents.ts';
import { ITEM_RECORD_TABLE } from './items.ts';
import { VENDOR_RECORD_TABLE } from './vendors.ts';

function documentTables(area: DocumentArea): RecordTableDefinition[] {
  const name = area === 'purchase' ? 'Purchase' : 'Sales';
  return [
    {
      name: HEADER_TABLES[area],
      caption: `${name} document`,
      key: ['documentType', 'no'],
      fields: headerFields(area),
      relations: [
        {
          table: LINE_TABLES[area],
          fields: [
            ['documentType', 'documentType'],
            ['no', 'documentNo'],
          ],
        },
        { table: PARTY_TABLES[area], fields: [['partyNo', 'no']] },
      ],
      load: (ctx, key) => loadDocumentData(ctx, area, key),
      findWhere: (ctx, equals) => findDocumentsWhere(ctx, area, equals),
    },
    {
      name: LINE_TABLES[area],
      caption: `${name} document line`,
      key: ['documentType', 'documentNo', 'lineNo'],
      fields: LINE_FIELDS,
      load: (ctx, key) => loadLineData(ctx, area, key),
      findWhere: (ctx, equals) => findLinesWhere(ctx, area, equals),
    },
  ];
}

/**
 * The business records: purchase and sales documents with their lines, customers, vendors and
 * items, as record tables workflows can react to and filter on. Events and responses on them
 * belong to the approvals module.
 */
export const recordsModule = defineModule({
  name: 'records',
  tables: [
    CUSTOMER_RECORD_TABLE,
    VENDOR_RECORD_TABLE,
    ITEM_RECORD_TABLE,
    ...documentTables('purchase'),
    ...documentTables('sales'),
  ],
});
