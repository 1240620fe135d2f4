import type { Metrics } from '../metrics.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerApprovalSettingsRoutes } from './approval-settings.ts';
import { registerApprovalSetupRoutes } from './approval-setup.ts';
import { registerApprovalRoutes } from './approvals.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerCatalogueRoutes } from './catalogue.ts';
import { registerCompanyRoutes } from './companies.ts';
import { registerCreditAndChangeRoutes } from './credit-and-changes.ts';
import { registerDocumentRoutes } from './documents.ts';
import { registerDryRunRoutes } from './dry-run.ts';
import { registerEmailLinkRoutes } from './email-links.ts';
import { registerHealthRoutes } from './health.ts';
import { registerInstanceRoutes } from './instances.ts';
import { registerJournalRoutes } from './journals.ts';
import { registerNotificationRoutes } from './notifications.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { registerPostingRoutes } from './posting.ts';
import { registerRecordRoutes } from './records.ts';
import { registerRestrictionRoutes } from './restrictions.ts';
import { registerWebhookRoutes } from './webhooks.ts';
import { registerWorkflowTransferRoutes } from './workflow-transfer.ts';
import { registerWorkflowRoutes } from './workflows.ts';

/** Every route group; each is a file under routes/. */
export function registerRoutes(server: Server, options: ServerOptions, metrics: Metrics): void {
  registerHealthRoutes(server, options, metrics);
  registerAuthRoutes(server, options);
  registerApprovalSettingsRoutes(server, options);
  registerWorkflowRoutes(server, options);
  registerWorkflowTransferRoutes(server, options);
  registerCatalogueRoutes(server, options);
  registerInstanceRoutes(server, options);
  registerApprovalSetupRoutes(server, options);
  registerApprovalRoutes(server, options);
  registerDryRunRoutes(server, options);
  registerCompanyRoutes(server, options);
  registerRecordRoutes(server, options);
  registerDocumentRoutes(server, options);
  registerRestrictionRoutes(server, options);
  registerPostingRoutes(server, options);
  registerJournalRoutes(server, options);
  registerCreditAndChangeRoutes(server, options);
  registerEmailLinkRoutes(server, options);
  registerWebhookRoutes(server, options);
  registerNotificationRoutes(server, options);
  registerOpenApiRoute(server);
}
