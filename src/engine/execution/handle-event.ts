import type { EngineContext } from '../context.ts';
import type { WorkflowRecord } from '../record.ts';
import { type EventResult, EventSession } from './event-session.ts';

export interface EventOutcome extends EventResult {
  /** Messages responses left for the person who caused the event. */
  readonly messages: readonly string[];
}

/**
 * Something happened to a record. Runs in the caller's transaction: if any response fails,
 * the caller's rollback undoes everything the event did.
 */
export async function handleEvent(
  ctx: EngineContext,
  eventCode: string,
  record: WorkflowRecord,
  oldRecord?: WorkflowRecord,
): Promise<EventOutcome> {
  const session = new EventSession(ctx);
  const result = await session.handle(eventCode, record, oldRecord);
  await session.flush();
  return { ...result, messages: session.messages };
}

/** An event for a known instance, such as a decision on one of its approval entries. */
export async function handleEventOnInstance(
  ctx: EngineContext,
  eventCode: string,
  record: WorkflowRecord,
  instanceId: string,
): Promise<EventOutcome> {
  const session = new EventSession(ctx);
  const result = await session.handleOnInstance(eventCode, record, instanceId);
  await session.flush();
  return { ...result, messages: session.messages };
}

/**
 * Would this event do anything for the record now — continue an instance or start a workflow?
 * Used to refuse actions a workflow must carry out (releasing a document an approval workflow
 * covers) and to tell a user that nothing would handle a request.
 */
export async function canHandleEvent(
  ctx: EngineContext,
  eventCode: string,
  record: WorkflowRecord,
  oldRecord?: WorkflowRecord,
): Promise<boolean> {
  return new EventSession(ctx).wouldHandle(eventCode, record, oldRecord);
}
