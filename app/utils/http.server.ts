import { data } from "@remix-run/node";

export function notFound(message: string): never {
  throw data({ message }, { status: 404 });
}

export function isNumericString(value: string): boolean {
  return /^\d+$/.test(value);
}

/**
 * The request's form fields. A body that is not a form (JSON, plain text, a broken multipart)
 * is the sender's mistake: a 415 or 400 with a message, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw data({ message: "Send this as a form (application/x-www-form-urlencoded or multipart/form-data)." }, { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw data({ message: "The form could not be read: it is malformed." }, { status: 400 });
  }
}
