import { approvalsModule } from './approvals/approvals-module.ts';
import { creditModule } from './credit/credit-module.ts';
import type { WorkflowModule } from './engine/registry-types.ts';
import { journalsModule } from './journals/journals-module.ts';
import { postingModule } from './posting/posting-module.ts';
import { recordChangesModule } from './record-changes/record-changes-module.ts';
import { recordsModule } from './records/index.ts';
import { requisitionsModule } from './requisitions/requisitions-module.ts';

/**
 * The modules the product runs with: business records, approvals, posting, general journals,
 * credit limits and held field changes. Each registers itself like any extension.
 */
export const businessModules: readonly WorkflowModule[] = [
  recordsModule,
  approvalsModule,
  postingModule,
  journalsModule,
  creditModule,
  recordChangesModule,
  requisitionsModule,
];
