import pg from 'pg';
import { JOB_CHANNEL } from './enqueue.ts';

const RECONNECT_MS = 5000;

/**
 * A dedicated (not pooled) PostgreSQL connection that LISTENs for new jobs and calls `onWake`.
 * When the connection drops it is opened again at the next `ensure()`, at most every few seconds;
 * meanwhile the worker keeps polling, so nothing is lost, only found later.
 */
export class JobListener {
  readonly #url: string;
  readonly #onWake: () => void;
  readonly #onError: (error: unknown) => void;
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #nextAttempt = 0;
  #closed = false;

  constructor(url: string, onWake: () => void, onError: (error: unknown) => void) {
    this.#url = url;
    this.#onWake = onWake;
    this.#onError = onError;
  }

  /** Connects if not connected (and not tried too recently); never throws. */
  ensure(): Promise<void> {
    if (this.#closed || this.#client || Date.now() < this.#nextAttempt) return Promise.resolve();
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, connectionTimeoutMillis: 5000 });
    const drop = (error?: unknown) => {
      if (this.#client === client) this.#client = undefined;
      this.#nextAttempt = Date.now() + RECONNECT_MS;
      if (error && !this.#closed) this.#onError(error);
      client.end().catch(() => {});
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.#onWake());
    try {
      await client.connect();
      await client.query(`LISTEN ${JOB_CHANNEL}`);
      if (this.#closed) {
        await client.end();
        return;
      }
      this.#client = client;
      // Jobs may have arrived while there was no connection.
      this.#onWake();
    } catch (error) {
      drop(error);
    }
  }

  get connected(): boolean {
    return this.#client !== undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#connecting;
    const client = this.#client;
    this.#client = undefined;
    if (client) await client.end().catch(() => {});
  }
}
