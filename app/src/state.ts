/** What the pages share: the data loaded from IndexedDB, kept in memory while the page is open. */
import * as db from './db.js';
import type { PlainReading } from './usage.js';

export interface PrivateFileView {
  meter: string;
  unit: string;
  registers: string[];
  seed: string;
  readings: (PlainReading & { seq: number })[];
}

export interface LogView {
  meter: string;
  meterKey: string;
  unit: string;
  registers: string[];
  records: { seq: number; start: number; duration: number }[];
}

export interface AppState {
  priv?: PrivateFileView;
  log?: LogView;
  source?: db.Stored['source'];
  tariffs: db.StoredTariff[];
  meterKey?: unknown;
  bills: db.StoredBill[];
  service?: db.Stored['service'];
  userKey?: db.UserKeyRecord;
}

export const state: AppState = { tariffs: [], bills: [] };

export async function loadState(): Promise<void> {
  const [priv, log, source, tariffs, meterKey, bills, service, userKey] = await Promise.all([db.get('private'), db.get('log'), db.get('source'), db.get('tariffs'), db.get('meterKey'), db.get('bills'), db.get('service'), db.get('userKey')]);
  state.priv = priv as PrivateFileView | undefined;
  state.log = log as LogView | undefined;
  state.source = source;
  state.tariffs = tariffs ?? [];
  state.meterKey = meterKey;
  state.bills = bills ?? [];
  state.service = service;
  state.userKey = userKey;
}

export async function saveBills(): Promise<void> {
  await db.put('bills', state.bills);
}

/** The time zone charts use: the first tariff's, else the browser's. */
export function chartZone(): string {
  return state.tariffs[0]?.signed.tariff.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The API base: the configured service URL, or this page's origin when the service serves the app. */
export function apiBase(): string | undefined {
  return state.service?.url || undefined;
}
