import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinModule } from './builtin-module.ts';
import { createRegistry } from './registry.ts';
import { defineModule, defineResponse } from './registry-types.ts';

const table = { name: 'leave', caption: 'Leave', key: ['no'], fields: [{ name: 'no', type: 'code' as const }] };

const leaveModule = defineModule({
  name: 'leave',
  tables: [table],
  events: [
    { code: 'leave.submitted', table: 'leave', description: 'Leave is requested.' },
    { code: 'leave.approved', table: 'leave', description: 'Leave is approved.', predecessors: ['leave.submitted'] },
  ],
  responses: [
    defineResponse({
      code: 'leave.book',
      description: 'Book the leave in {calendar}.',
      options: z.object({ calendar: z.string().optional() }),
      predecessors: ['leave.approved'],
      execute: () => undefined,
    }),
  ],
});

describe('the registry', () => {
  it('holds what modules register, the built-in module included', () => {
    const registry = createRegistry(builtinModule, leaveModule);
    expect(registry.modules).toEqual(['builtin', 'leave']);
    expect(registry.event('leave.submitted').table).toBe('leave');
    expect(registry.response('show-message').description).toContain('{message}');
    expect(registry.table('leave').caption).toBe('Leave');
  });

  it('offers after an event only what may follow it, plus what may follow anything', () => {
    const registry = createRegistry(builtinModule, leaveModule);
    expect(registry.eventsAllowedAfter(undefined).map((e) => e.code)).toEqual(['leave.submitted']);
    expect(registry.eventsAllowedAfter('leave.submitted').map((e) => e.code)).toEqual([
      'leave.submitted',
      'leave.approved',
    ]);
    expect(registry.responsesAllowedAfter('leave.submitted').map((r) => r.code)).toEqual([
      'do-nothing',
      'show-message',
    ]);
    expect(registry.responsesAllowedAfter('leave.approved').map((r) => r.code)).toContain('leave.book');
  });

  it('lets a later module allow an earlier event or response after its own events (combinations)', () => {
    const recall = defineModule({
      name: 'recall',
      events: [{ code: 'leave.recalled', table: 'leave', description: 'Leave is recalled.' }],
      combinations: [
        { code: 'leave.approved', after: ['leave.recalled'] },
        { code: 'leave.book', after: ['leave.recalled'] },
        // Independent items may already follow anything and stay so.
        { code: 'show-message', after: ['leave.recalled'] },
      ],
    });
    const registry = createRegistry(builtinModule, leaveModule, recall);
    expect(registry.event('leave.approved').predecessors).toEqual(['leave.submitted', 'leave.recalled']);
    expect(registry.responsesAllowedAfter('leave.recalled').map((r) => r.code)).toContain('leave.book');
    expect(registry.response('show-message').predecessors ?? []).toEqual([]);
  });

  it('refuses a combination that names an unknown item or event', () => {
    const bad = (code: string, after: string) =>
      defineModule({ name: `bad-${code}-${after}`, combinations: [{ code, after: [after] }] });
    expect(() => createRegistry(builtinModule, leaveModule, bad('leave.nope', 'leave.submitted'))).toThrow(
      expect.objectContaining({ code: 'registry-combination-invalid' }),
    );
    expect(() => createRegistry(builtinModule, leaveModule, bad('leave.book', 'leave.nope'))).toThrow(
      expect.objectContaining({ code: 'registry-combination-invalid' }),
    );
  });

  it('refuses an unknown event, response or table with a stable code', () => {
    const registry = createRegistry(builtinModule);
    expect(() => registry.event('nope.event')).toThrow(expect.objectContaining({ code: 'event-unknown' }));
    expect(() => registry.response('nope')).toThrow(expect.objectContaining({ code: 'response-unknown' }));
    expect(() => registry.table('nope')).toThrow(expect.objectContaining({ code: 'table-unknown' }));
  });

  it('refuses a second registration of the same code and leaves the registry as it was', () => {
    const registry = createRegistry(builtinModule, leaveModule);
    const clash = defineModule({
      name: 'clash',
      tables: [{ ...table, name: 'other' }],
      events: [{ code: 'leave.submitted', table: 'other', description: 'Something else.' }],
    });
    expect(() => registry.use(clash)).toThrow(expect.objectContaining({ code: 'registry-code-duplicate' }));
    expect(registry.hasTable('other')).toBe(false);
    expect(registry.modules).toEqual(['builtin', 'leave']);
  });

  it('refuses two events with the same description, since designers could not tell them apart', () => {
    const twin = defineModule({
      name: 'twin',
      tables: [{ ...table, name: 'twin' }],
      events: [{ code: 'twin.submitted', table: 'twin', description: 'Leave is requested.' }],
    });
    expect(() => createRegistry(leaveModule, twin)).toThrow(
      expect.objectContaining({ code: 'registry-description-duplicate' }),
    );
  });

  it('refuses codes that are not lower-case words joined by "-" or "."', () => {
    const bad = defineModule({
      name: 'bad',
      tables: [{ ...table, name: 'bad' }],
      events: [{ code: 'Bad Code', table: 'bad', description: 'x' }],
    });
    expect(() => createRegistry(bad)).toThrow(expect.objectContaining({ code: 'registry-code-invalid' }));
  });

  it('refuses an event on a table nobody registered', () => {
    const bad = defineModule({ name: 'bad', events: [{ code: 'ghost.seen', table: 'ghost', description: 'x' }] });
    expect(() => createRegistry(bad)).toThrow(expect.objectContaining({ code: 'registry-table-unknown' }));
  });

  it('refuses a table whose key is not one of its fields, or an option field without options', () => {
    expect(() => createRegistry({ name: 'k', tables: [{ ...table, key: ['id'] }] })).toThrow(
      expect.objectContaining({ code: 'registry-field-unknown' }),
    );
    expect(() =>
      createRegistry({ name: 'o', tables: [{ ...table, fields: [...table.fields, { name: 's', type: 'option' }] }] }),
    ).toThrow(expect.objectContaining({ code: 'registry-field-invalid' }));
  });

  it('refuses the same module twice', () => {
    expect(() => createRegistry(leaveModule, leaveModule)).toThrow(
      expect.objectContaining({ code: 'registry-module-duplicate' }),
    );
  });

  it('knows the workflow table relations in both directions', () => {
    const registry = createRegistry(leaveModule, {
      name: 'payroll',
      tables: [
        {
          name: 'payslip',
          caption: 'Payslip',
          key: ['no'],
          fields: [
            { name: 'no', type: 'code' },
            { name: 'leaveNo', type: 'code' },
          ],
        },
      ],
      tableRelations: [{ from: 'leave', to: 'payslip', fields: [['no', 'leaveNo']] }],
    });
    expect(registry.hasRelation('leave', 'payslip')).toBe(true);
    expect(registry.hasRelation('payslip', 'leave')).toBe(false);
    expect(registry.relationsTo('payslip')).toHaveLength(1);
  });
});
