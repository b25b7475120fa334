/**
 * Everything the app keeps lives in this browser's IndexedDB, in one object store of named values:
 * the user's private file (readings and the opening seed), the meter's log, tariffs, keys, bills and
 * receipts. Nothing here is ever sent anywhere; "Forget my data" deletes the database.
 */
const DB = 'meterproof';
const STORE = 'kv';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = f(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

/** The names the app stores, and what each holds. */
export interface Stored {
  /** The user's private file (meterproof/private): secret. */
  private: unknown;
  /** The meter's signed log (meterproof/log): public commitments. */
  log: unknown;
  /** Where the data came from, for the page. */
  source: { kind: 'demo' | 'files' | 'readings' | 'service'; label: string; loaded: string };
  /** Signed tariffs the user may bill against, with the provider key that signed them. */
  tariffs: StoredTariff[];
  /** The meter's public key (JWK) as registered, for checking bills. */
  meterKey: unknown;
  /** The user's key: a WebCrypto CryptoKey pair (non-extractable) or a noble seed. */
  userKey: UserKeyRecord;
  /** Demo only: the simulated meter's and provider's secret keys, made in this browser. */
  demoKeys: { meter: unknown; provider: unknown };
  /**
   * The service this app talks to, and the account; `providerKey` is the provider's public key as first
   * seen (trust on first use): every later signature is checked against it, never against the key the
   * service serves at that moment.
   */
  service: { url: string; account: string; providerKey?: unknown };
  /** Bills made here: the bill, its id at the service and the receipt once final. */
  bills: StoredBill[];
  /** The range proofs' vector generators (public constants, checked against their pins when loaded). */
  generators: Record<string, Uint8Array>;
}

export interface StoredTariff {
  readonly signed: { tariff: { id: string; name: string; timezone: string; currency: string }; [k: string]: unknown };
  readonly providerKey: unknown;
  readonly from: 'demo' | 'service' | 'file';
}

export interface StoredBill {
  readonly period: string;
  readonly tariffId: string;
  readonly bill: unknown;
  id?: string;
  state?: string;
  reason?: string;
  receipt?: unknown;
  submitted?: string;
}

export type UserKeyRecord =
  | { readonly kind: 'webcrypto'; readonly privateKey: CryptoKey; readonly publicKey: Uint8Array }
  | { readonly kind: 'noble'; readonly secret: Uint8Array; readonly publicKey: Uint8Array };

export function get<K extends keyof Stored>(key: K): Promise<Stored[K] | undefined> {
  return run('readonly', (s) => s.get(key) as IDBRequest<Stored[K] | undefined>);
}

export function put<K extends keyof Stored>(key: K, value: Stored[K]): Promise<unknown> {
  return run('readwrite', (s) => s.put(value, key));
}

export function del(key: keyof Stored): Promise<unknown> {
  return run('readwrite', (s) => s.delete(key));
}

/** Deletes every stored value (the database stays, empty). */
export function clearAll(): Promise<unknown> {
  return run('readwrite', (s) => s.clear());
}
