import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';

export const POSTGRES_URL = process.env.WERKSTROOM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh database for one measurement; PostgreSQL ones are dropped on close. */
export async function benchDatabase(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const file = `${process.env.TMPDIR ?? '/tmp'}/werkstroom-bench-${randomBytes(4).toString('hex')}.db`;
    const handle = await openDatabase(`sqlite:${file}`);
    return {
      ...handle,
      async close() {
        await handle.close();
        const { rm } = await import('node:fs/promises');
        for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
      },
    };
  }
  const name = `werkstroom_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase(url.toString(), { poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface Measurement {
  readonly events: number;
  readonly seconds: number;
}

export function perSecond(m: Measurement): number {
  return m.events / m.seconds;
}

export function microsPerEvent(m: Measurement): number {
  return (m.seconds * 1e6) / m.events;
}

/** Runs `once` for a warm-up, then `count` times, and reports the elapsed time of the latter. */
export async function measure(count: number, warmup: number, once: (i: number) => Promise<void>): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await once(-1 - i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { events: count, seconds };
}
