// @ts-nocheck
// Road charging by zone: metres driven in each charging zone, priced per km by zone, dearer at peak
// hours on weekdays. The authority verifies the toll and learns nothing about the journeys.
import { runExample } from '../lib.mjs';

runExample({ dir: new URL('./', import.meta.url), meter: 'obu-ab12cde', account: 'vehicle-AB12CDE', period: '2025-03-03/2025-03-09' });
