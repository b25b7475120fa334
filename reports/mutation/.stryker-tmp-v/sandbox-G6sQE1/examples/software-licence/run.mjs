// @ts-nocheck
// A software licence billed per CPU-second per product, with a volume discount on analytics above
// 500,000 CPU-seconds a month. The vendor verifies the monthly invoice without seeing the usage profile.
import { runExample } from '../lib.mjs';

runExample({ dir: new URL('./', import.meta.url), meter: 'licence-agent-7', account: 'customer-acme', period: '2025-02' });
