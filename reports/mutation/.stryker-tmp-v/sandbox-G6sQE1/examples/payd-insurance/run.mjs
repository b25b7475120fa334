// @ts-nocheck
// Pay-as-you-drive insurance: metres driven per road class, priced per km by road class and time of
// day (night driving costs more). The insurer verifies the premium and learns nothing else: not where,
// when or how far the car was driven.
import { runExample } from '../lib.mjs';

runExample({ dir: new URL('./', import.meta.url), meter: 'car-telematics-1', account: 'policy-4711', period: '2025-03-03/2025-03-16' });
