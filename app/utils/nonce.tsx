import { createContext, useContext } from "react";

/** The per-response CSP nonce, handed from entry.server to the scripts root renders. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
