/** What every route and job of one service process shares. */
import type { PublicKey, SecretKey } from '../core/keys.js';
import type { Metrics } from './metrics.js';
import type { PointCache } from './points.js';
import type { Queue } from './jobs/queue.js';
import type { Db } from './store/db.js';

export interface ServiceContext {
  readonly db: Db;
  /** The provider's signing key: registrations and receipts. Never logged. */
  readonly providerKey: SecretKey;
  readonly providerPublic: PublicKey;
  readonly queue: Queue;
  readonly metrics: Metrics;
  readonly points: PointCache;
  /** Unix milliseconds (tests may pin it). */
  readonly now: () => number;
}
