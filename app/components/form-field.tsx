import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";

type Props = {
  label: string;
  field: FieldMetadata<string | undefined>;
  type?: "text" | "email" | "password" | "number" | "date";
  autoComplete?: string;
  hint?: ReactNode;
};

/** A labelled input whose error sits next to it and is announced with it. */
export function FormField({ label, field, type = "text", autoComplete, hint }: Props) {
  const errorId = `${field.id}-error`;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        key={field.key}
        autoComplete={autoComplete}
        aria-describedby={field.errors ? errorId : undefined}
      />
      {hint ? <small className="muted">{hint}</small> : null}
      {field.errors ? (
        <p className="field-error" id={errorId}>
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A form's own errors (not any one field's), announced when they appear. */
export function FormErrors({ form }: { form: { errors?: string[]; errorId: string } }) {
  return form.errors ? (
    <p className="form-error" role="alert" id={form.errorId}>
      {form.errors.join(" ")}
    </p>
  ) : null;
}
