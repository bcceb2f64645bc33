/**
 * A minimal browser-like HTTP client: keeps the session cookie, sends a same-origin Origin
 * on posts, and never follows redirects (tests assert them).
 */
export class Client {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get("carelearn_session");
  }

  set sessionCookie(value: string | undefined) {
    if (value === undefined) this.cookies.delete("carelearn_session");
    else this.cookies.set("carelearn_session", value);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, { redirect: "manual", headers: { Cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    return response;
  }

  async post(path: string, fields: Record<string, string | string[]> | URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
    const body = fields instanceof URLSearchParams ? fields : toParams(fields);
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: this.cookieHeader(), Origin: this.baseUrl, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Signs in through the real form; throws unless the server redirects away from /login. */
  async signIn(email: string, password = "carelearn"): Promise<void> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`sign-in as ${email} failed with ${response.status}: ${await response.text()}`);
  }
}

function toParams(fields: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}
