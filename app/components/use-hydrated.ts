import { useEffect, useState } from "react";

/** False in the server's HTML and before hydration: for enhancements that must not hide things without JavaScript. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
