import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { FormField, JobRoleField } from "~/components/form-field";
import { type PersonFormValues, personSchema } from "~/models/people-form";

type Props = {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<Record<keyof PersonFormValues, string>>;
  departments: Array<{ id: number; name: string }>;
  canGrantElevated: boolean;
  submitLabel: string;
};

const ACCESS_LABELS = { learner: "Learner", manager: "Manager", hr: "HR", admin: "Administrator" } as const;

export function PersonForm({ lastResult, defaultValue, departments, canGrantElevated, submitLabel }: Props) {
  const [form, fields] = useForm<PersonFormValues>({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personSchema }),
  });
  const current = defaultValue?.accessLevel;
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      {form.errors ? <p className="form-error">{form.errors.join(" ")}</p> : null}
      <div className="form-grid">
        <FormField label="Name" field={fields.name} autoComplete="off" />
        <FormField label="Email" field={fields.email} type="email" autoComplete="off" />
        <JobRoleField field={fields.jobRole} placeholder="Choose…" />
        <div className="field">
          <label htmlFor={fields.departmentId.id}>Department</label>
          <select {...getSelectProps(fields.departmentId)} key={fields.departmentId.key}>
            <option value="">None</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {fields.departmentId.errors ? <p className="field-error">{fields.departmentId.errors.join(" ")}</p> : null}
        </div>
        <FormField label="Manager's email" field={fields.managerEmail} type="email" hint="Leave empty for someone who reports to no one." />
        <div className="field">
          <label htmlFor={fields.accessLevel.id}>Access</label>
          <select {...getSelectProps(fields.accessLevel)} key={fields.accessLevel.key}>
            {Object.entries(ACCESS_LABELS)
              .filter(([level]) => canGrantElevated || (level !== "hr" && level !== "admin") || level === current)
              .map(([level, label]) => (
                <option key={level} value={level}>
                  {label}
                </option>
              ))}
          </select>
          {fields.accessLevel.errors ? <p className="field-error">{fields.accessLevel.errors.join(" ")}</p> : null}
          {!canGrantElevated ? <small className="muted">Only an administrator grants HR or admin access.</small> : null}
        </div>
        <div className="field">
          <label htmlFor={fields.joinedOn.id}>Joined on</label>
          <input {...getInputProps(fields.joinedOn, { type: "date" })} key={fields.joinedOn.key} />
          {fields.joinedOn.errors ? <p className="field-error">{fields.joinedOn.errors.join(" ")}</p> : null}
        </div>
      </div>
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
