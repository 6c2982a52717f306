import pg from 'pg';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DatabaseConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { AREA_EVENTS_CHANNEL, listAreaEventsAfter, type AreaEvent } from '../use-cases/area-events.js';

interface Subscriber {
  areaId: string;
  after: number;
  deliver(event: AreaEvent): void;
  /** Ends the stream (the server closes). */
  end(): void;
}

/** How often areas with open streams are read even without a signal, to catch a lost one. */
const SAFETY_POLL_MS = 5_000;

/**
 * Brings an area's stored events to its open live streams (issue 17). Events are written in the
 * transaction of their change; this only reads them, after a signal that some committed: on
 * PostgreSQL a NOTIFY heard on one dedicated connection (so every app process hears every
 * other's), on SQLite this process's own finished write requests. A slow poll catches anything a
 * signal missed (a script's write, a LISTEN connection that dropped for a moment).
 */
export class AreaEventHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  /** One delivery at a time per area, so no event is sent twice or out of order. */
  readonly #deliveries = new Map<string, Promise<void>>();
  #listener: pg.Client | null = null;
  #listening: Promise<void> | null = null;
  #poll: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly database: DatabaseConfig,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Starts delivering the area's events after `after`; returns the function that stops it. */
  subscribe(areaId: string, after: number, deliver: (event: AreaEvent) => void, end: () => void): () => void {
    const subscriber: Subscriber = { areaId, after, deliver, end };
    const set = this.#subscribers.get(areaId) ?? new Set();
    set.add(subscriber);
    this.#subscribers.set(areaId, set);
    this.#startListening();
    this.poke(areaId);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(areaId);
      if (this.#subscribers.size === 0) this.#stopPolling();
    };
  }

  /** Something may have been written: delivers what is new to the area's streams (every area's when none is named). */
  poke(areaId?: string): void {
    for (const id of areaId === undefined ? [...this.#subscribers.keys()] : [areaId]) {
      if (!this.#subscribers.has(id)) continue;
      const previous = this.#deliveries.get(id) ?? Promise.resolve();
      const next = previous.then(() => this.#deliver(id)).catch((error: unknown) => this.log.warn({ err: error, areaId: id }, 'area events could not be read'));
      this.#deliveries.set(id, next);
    }
  }

  get streamCount(): number {
    let count = 0;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  async #deliver(areaId: string): Promise<void> {
    const subscribers = [...(this.#subscribers.get(areaId) ?? [])];
    if (subscribers.length === 0) return;
    const from = Math.min(...subscribers.map((subscriber) => subscriber.after));
    const events = await listAreaEventsAfter(this.db, areaId, from);
    for (const subscriber of subscribers) {
      for (const event of events) {
        if (event.seq <= subscriber.after) continue;
        subscriber.after = event.seq;
        subscriber.deliver(event);
      }
    }
    // More than one read's worth: keep going.
    if (events.length >= 500) this.poke(areaId);
  }

  #startListening(): void {
    if (!this.#poll) {
      this.#poll = setInterval(() => this.poke(), SAFETY_POLL_MS);
      this.#poll.unref();
    }
    if (this.database.kind !== 'postgres' || this.#listening || this.#closed) return;
    const url = this.database.url;
    this.#listening = (async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('notification', (message) => this.poke(message.payload ?? undefined));
      client.on('error', (error) => {
        this.log.warn({ err: error }, 'the area event listener lost its connection; listening again');
        this.#listener = null;
        this.#listening = null;
        void client.end().catch(() => undefined);
        if (!this.#closed && this.#subscribers.size > 0) setTimeout(() => this.#startListening(), 1_000).unref();
      });
      await client.connect();
      await client.query(`listen ${AREA_EVENTS_CHANNEL}`);
      this.#listener = client;
      // Whatever committed while the listener was connecting.
      this.poke();
    })().catch((error: unknown) => {
      this.log.warn({ err: error }, 'could not listen for area events');
      this.#listening = null;
    });
  }

  #stopPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopPolling();
    for (const set of this.#subscribers.values()) for (const subscriber of set) subscriber.end();
    this.#subscribers.clear();
    await this.#listening;
    await this.#listener?.end().catch(() => undefined);
    this.#listener = null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    /** The live streams of areas' events (issue 17). */
    areaEvents: AreaEventHub;
  }
}

/**
 * Gives the app its event hub: every finished write request of this process tells the open
 * streams to look (on SQLite the only signal; on PostgreSQL the quickest for this process's own
 * writes), and closing the app ends the streams first, so it does not wait for them.
 */
export function registerAreaEvents(app: FastifyInstance, database: DatabaseConfig): void {
  const hub = new AreaEventHub(app.db, database, app.log);
  app.decorate('areaEvents', hub);
  app.addHook('onResponse', async (request) => {
    if (!SAFE_METHODS.has(request.method) && hub.streamCount > 0) hub.poke();
  });
  app.addHook('preClose', async () => {
    await hub.close();
  });
}
