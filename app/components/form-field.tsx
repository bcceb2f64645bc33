import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";

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

/** The job-role list, labelled, with its error beside it. */
export function JobRoleField({ field, placeholder, defaultValue }: { field: FieldMetadata<string | undefined>; placeholder?: string; defaultValue?: string }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>Job role</label>
      <select {...getSelectProps(field)} key={field.key} defaultValue={defaultValue}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {JOB_ROLES.map((role) => (
          <option key={role} value={role}>
            {jobRoleLabel(role)}
          </option>
        ))}
      </select>
      {field.errors ? <p className="field-error">{field.errors.join(" ")}</p> : null}
    </div>
  );
}
