import { AsyncLocalStorage } from "node:async_hooks";

/*
 * Values worked out once per HTTP request and shared by every loader of that request. Remix hands
 * each loader its own copy of the Request, so nothing keyed on it is shared; an AsyncLocalStorage
 * store opened around the request handler is. The store lives on globalThis because the HTTP
 * server (app/server) and the Remix server bundle (build/server) each load their own copy of this
 * module, and both must see the same store.
 */
type Memo = Map<string, unknown>;
const KEY = Symbol.for("carelearn.request-memo");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Memo> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<Memo>());

/** Runs one request's handling with a fresh memo. */
export function withRequestMemo<T>(handle: () => T): T {
  return storage.run(new Map(), handle);
}

/**
 * The value for `key` in this request, computed once. Outside a request (scripts, tests, the dev
 * server) it is simply computed.
 */
export function memoForRequest<T>(key: string, compute: () => T): T {
  const memo = storage.getStore();
  if (!memo) return compute();
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}
