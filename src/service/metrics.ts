/**
 * Prometheus metrics (/metrics). Bill counts by state and reason and the queue depth are read from the
 * database at scrape time, so they are right whichever process verified the bills; the latency
 * histogram and the ingest counter are this process's own.
 */
import client from 'prom-client';
import type { Db } from './store/db.js';

export class Metrics {
  readonly registry = new client.Registry();
  readonly verifySeconds = new client.Histogram({
    name: 'meterproof_verification_seconds',
    help: 'time to verify one bill in this process',
    labelNames: ['form', 'verdict'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly recordsIngested = new client.Counter({ name: 'meterproof_records_ingested_total', help: 'records appended by this process', registers: [this.registry] });
  readonly billsVerified = new client.Counter({ name: 'meterproof_bills_verified_total', help: 'bills this process verified, by verdict and reason', labelNames: ['verdict', 'reason'], registers: [this.registry] });

  constructor(db: Db) {
    new client.Gauge({
      name: 'meterproof_bills',
      help: 'bills stored, by state and reason',
      labelNames: ['state', 'reason'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.query<{ state: string; reason: string | null; n: string | number }>('SELECT state, reason, count(*) AS n FROM bills GROUP BY state, reason');
        for (const r of rows) this.set({ state: r.state, reason: r.reason ?? '' }, Number(r.n));
      },
    });
    new client.Gauge({
      name: 'meterproof_queue_depth',
      help: 'bills waiting for verification',
      registers: [this.registry],
      async collect() {
        const [r] = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM bills WHERE state = 'queued'");
        this.set(Number(r?.n ?? 0));
      },
    });
  }
}
