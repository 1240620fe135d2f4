import { defineModule } from '../engine/registry-types.ts';

/** General journals: templates, batches, lines, balance check, posting, payment lines. */
export const journalsModule = defineModule({ name: 'journals' });
