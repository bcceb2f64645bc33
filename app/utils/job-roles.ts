// Shared by the server (validation) and the browser (labels), so no .server suffix.
export const JOB_ROLES = [
  "managing-director",
  "head-of-operations",
  "department-manager",
  "team-leader",
  "call-centre-agent",
  "receptionist",
  "delivery-driver",
  "doctor",
  "nurse",
  "warehouse-operative",
  "accountant",
  "sales-representative",
  "hr-officer",
] as const;

export type JobRole = (typeof JOB_ROLES)[number];

const LABELS: Record<JobRole, string> = {
  "managing-director": "Managing director",
  "head-of-operations": "Head of operations",
  "department-manager": "Department manager",
  "team-leader": "Team leader",
  "call-centre-agent": "Call-centre agent",
  receptionist: "Receptionist",
  "delivery-driver": "Delivery driver",
  doctor: "Doctor",
  nurse: "Nurse",
  "warehouse-operative": "Warehouse operative",
  accountant: "Accountant",
  "sales-representative": "Sales representative",
  "hr-officer": "HR officer",
};

export function jobRoleLabel(role: string): string {
  return (LABELS as Record<string, string>)[role] ?? role;
}

export function isJobRole(value: string): value is JobRole {
  return (JOB_ROLES as readonly string[]).includes(value);
}
