import { z } from "zod";
import { ACCESS_LEVELS } from "~db/schema";
import { JOB_ROLES } from "~/utils/job-roles";

/** A person's details as HR types them; shared by the form (in the browser) and the action. */
export const personSchema = z.object({
  name: z.string({ error: "Enter the person's name" }).trim().min(2, "Enter the person's full name").max(120, "Use at most 120 characters"),
  email: z.string({ error: "Enter an email address" }).trim().toLowerCase().max(320, "That email address is too long").pipe(z.email("Enter a valid email address")),
  jobRole: z.enum(JOB_ROLES, { error: "Choose a job role from the list" }),
  departmentId: z.coerce.number({ error: "Choose a department from the list" }).int().positive("Choose a department from the list").optional(),
  managerEmail: z.string().trim().toLowerCase().max(320).pipe(z.email("Enter the manager's email address, or leave it empty")).optional(),
  accessLevel: z.enum(ACCESS_LEVELS, { error: "Choose an access level" }),
  joinedOn: z.iso.date({ error: "Enter the date they joined, like 2026-11-23" }),
});
export type PersonFormValues = z.infer<typeof personSchema>;
