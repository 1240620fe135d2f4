/** The public library API of Werkstroom. */
export { type Company, createCompany, ensureCompany, findCompany, getCompany } from './app/companies.ts';
export { type CommandScope, openWerkstroom, Werkstroom, type WerkstroomOptions } from './app/werkstroom.ts';
export * from './approvals/index.ts';
export type { DialectCapabilities, DialectName } from './db/capabilities.ts';
export { type DatabaseHandle, DEFAULT_DATABASE_URL, openDatabase, parseDatabaseUrl } from './db/connect.ts';
export { migrateToLatest, pendingMigrations } from './db/migrate.ts';
export { seedDemoCompany } from './demo/seed.ts';
export { runPurchaseOrderWalkthrough } from './demo/walkthrough.ts';
export { builtinModule } from './engine/builtin-module.ts';
export type { EngineContext } from './engine/context.ts';
export { calcDate, formatDateFormula, parseDateFormula } from './engine/date-formula.ts';
export { describeStep } from './engine/definition/describe.ts';
export { disableWorkflow, enableWorkflow, validateWorkflow } from './engine/definition/enable.ts';
export { exportWorkflows, importWorkflows, parseExportFile } from './engine/definition/export-import.ts';
export type { SnapshotStep, WorkflowSnapshot } from './engine/definition/snapshot.ts';
export type * from './engine/definition/types.ts';
export type { ValidationProblem } from './engine/definition/validate.ts';
export {
  getWorkflow,
  listCategories,
  listWorkflows,
  saveCategory,
  type WorkflowSummary,
} from './engine/definition/workflow-store.ts';
export {
  copyWorkflow,
  createWorkflow,
  deleteWorkflow,
  updateWorkflow,
} from './engine/definition/workflows.ts';
export {
  canHandleEvent,
  type EventOutcome,
  handleEvent,
  handleEventOnInstance,
} from './engine/execution/handle-event.ts';
export { getInstance, listArchivedInstances, listInstances } from './engine/execution/instance-queries.ts';
export type { FieldDefinition, FieldType, FieldValue, RecordData } from './engine/field-types.ts';
export { keyFromValues, type WorkflowRecord } from './engine/record.ts';
export { createRegistry, Registry } from './engine/registry.ts';
export * from './engine/registry-types.ts';
export * from './records/index.ts';
export { isWerkstroomError, WerkstroomError } from './shared/errors.ts';
export * from './templates/index.ts';
