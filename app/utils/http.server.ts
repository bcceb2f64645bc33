import { data } from "@remix-run/node";

export function notFound(message: string): never {
  throw data({ message }, { status: 404 });
}

export function isNumericString(value: string): boolean {
  return /^\d+$/.test(value);
}
