import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { createUser, ensureUser, findUser, getUser, listUsers } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { FIXED_NOW } from '../support/harness.ts';
import { failsWith, recordsCompany } from './fixtures.ts';

/** Users are global, and test databases are shared by the tests of a file: each test uses its own ids. */
const uniqueId = (base: string) => `${base}.${randomBytes(3).toString('hex')}`;

describeEachDialect('users', (db) => {
  it('a user is created with an upper-cased id and defaults for e-mail and language', async () => {
    const id = uniqueId('sean');
    const user = await createUser(db().db, { id, name: 'Sean Chai' }, FIXED_NOW);
    expect(user).toEqual({
      id: id.toUpperCase(),
      name: 'Sean Chai',
      email: '',
      language: 'en',
      createdAt: FIXED_NOW.toISOString(),
    });
    expect(await getUser(db().db, id)).toEqual(user);
    expect((await listUsers(db().db)).map((u) => u.id)).toContain(id.toUpperCase());
  });

  it('a user can be created inside a command, taking the time from its context', async () => {
    const t = await recordsCompany(db());
    const id = uniqueId('alicia');
    const user = await t.run((ctx) =>
      createUser(ctx, { id, name: 'Alicia', email: 'alicia@example.com', language: 'nl-BE' }),
    );
    expect(user).toMatchObject({ email: 'alicia@example.com', language: 'nl-BE', createdAt: FIXED_NOW.toISOString() });
    expect(await findUser(db().db, id.toLowerCase())).toEqual(user);
  });

  it('creating a user whose id exists is a conflict and leaves the existing user unchanged', async () => {
    const id = uniqueId('dup');
    await createUser(db().db, { id, name: 'First' }, FIXED_NOW);
    const error = await failsWith(
      createUser(db().db, { id: id.toLowerCase(), name: 'Second' }, FIXED_NOW),
      'user-exists',
    );
    expect(error.kind).toBe('conflict');
    expect((await getUser(db().db, id)).name).toBe('First');
  });

  it('ensureUser creates a missing user once and returns the existing one unchanged after that', async () => {
    const id = uniqueId('ens');
    const first = await ensureUser(db().db, { id, name: 'Ensured' }, FIXED_NOW);
    const again = await ensureUser(db().db, { id, name: 'Other name' }, new Date('2027-01-01T00:00:00Z'));
    expect(again).toEqual(first);
    expect((await listUsers(db().db)).filter((u) => u.id === id.toUpperCase())).toHaveLength(1);
  });

  it.each([
    ['', 'user-id-invalid', 'id'],
    ['has space', 'user-id-invalid', 'id'],
    ['x'.repeat(51), 'user-id-invalid', 'id'],
    ['ok', 'user-name-required', 'name'],
  ])('an invalid user (id %j) is refused with %s and not written', async (id, code, field) => {
    const error = await failsWith(createUser(db().db, { id, name: field === 'name' ? '  ' : 'Name' }, FIXED_NOW), code);
    expect(error.details.field).toBe(field);
    if (code !== 'user-id-invalid') expect(await findUser(db().db, id)).toBeUndefined();
  });

  it('an e-mail without "@" and a malformed language are refused', async () => {
    const id = uniqueId('bad');
    const email = await failsWith(
      createUser(db().db, { id, name: 'N', email: 'nobody' }, FIXED_NOW),
      'user-email-invalid',
    );
    expect(email.details.field).toBe('email');
    const language = await failsWith(
      createUser(db().db, { id, name: 'N', language: 'English!' }, FIXED_NOW),
      'user-language-invalid',
    );
    expect(language.details.field).toBe('language');
    expect(await findUser(db().db, id)).toBeUndefined();
  });

  it('a user id of exactly 50 allowed characters is accepted', async () => {
    const id = `${randomBytes(4).toString('hex')}.@_-`.padEnd(50, 'z');
    expect((await createUser(db().db, { id, name: 'Long' }, FIXED_NOW)).id).toBe(id.toUpperCase());
  });
});
