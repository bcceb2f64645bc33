/**
 * Signs people in through the real form (POST /login), as a browser would, and returns each
 * person's session cookie. Sign-in is scrypt (~60 ms of CPU each), so it runs a few at a time.
 */
export async function signInAll(url: string, emails: string[], password: string, concurrency = 4): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++] as string;
      const response = await fetch(`${url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password, redirectTo: "/" }),
      });
      const cookie = response.headers
        .getSetCookie()
        .map((line) => line.split(";")[0] ?? "")
        .find((pair) => pair.startsWith("carelearn_session="));
      if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed with ${response.status}: ${(await response.text()).slice(0, 300)}`);
      cookies.set(email, cookie);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, emails.length) }, worker));
  return cookies;
}
