import type { AccessLevel } from "../schema";

export const DEMO_COMPANY = "Juniper Health Supplies";
export const DEMO_PASSWORD = "carelearn";

export const DEMO_DEPARTMENTS = [
  "Customer service centre",
  "Operations",
  "Delivery",
  "Clinic",
  "Warehouse",
  "Finance",
  "Sales",
  "HR",
] as const;

export type DemoPerson = {
  email: string;
  name: string;
  jobRole: string;
  department: (typeof DEMO_DEPARTMENTS)[number];
  managerEmail: string | null;
  accessLevel: AccessLevel;
};

const FIRST = ["Amina", "James", "Wanjiru", "Oliver", "Grace", "Peter", "Fatima", "George", "Esther", "Samuel", "Chloe", "David", "Njeri", "Harry", "Ruth", "Brian", "Lucy", "Kevin", "Zainab", "Mark", "Aisha", "Tom", "Irene", "Ahmed", "Sophie", "Paul", "Mercy", "Daniel", "Hannah", "Victor", "Leah", "Isaac", "Joyce", "Felix", "Priya", "Owen", "Nadia", "Collins", "Emily", "Moses", "Rose", "Liam", "Agnes", "Kofi", "Beatrice", "Ethan", "Halima", "Simon", "Martha", "Jude", "Eve", "Noah", "Caroline", "Ali"];
const LAST = ["Otieno", "Clarke", "Kamau", "Patel", "Mensah", "Wright", "Hassan", "Njoroge", "Evans", "Achieng", "Brown", "Mutua", "Khan", "Taylor", "Wambui", "Okafor", "Hughes", "Ndegwa", "Ali", "Murphy", "Chebet", "Singh", "Roberts", "Kiprono", "Ahmed", "Walker", "Atieno", "Green", "Omondi", "Lewis", "Wekesa", "Hall", "Nyambura", "Young", "Barasa", "King", "Adeyemi", "Scott", "Kilonzo", "Baker"];

/** The people behind the fixed demo sign-ins listed in the README. */
const FIXED: DemoPerson[] = [
  { email: "joseph.kariuki@carelearn.test", name: "Joseph Kariuki", jobRole: "managing-director", department: "Operations", managerEmail: null, accessLevel: "manager" },
  { email: "admin@carelearn.test", name: "Dana Whitfield", jobRole: "department-manager", department: "HR", managerEmail: "joseph.kariuki@carelearn.test", accessLevel: "admin" },
  { email: "hr@carelearn.test", name: "Helen Achieng", jobRole: "hr-officer", department: "HR", managerEmail: "admin@carelearn.test", accessLevel: "hr" },
  { email: "ops.head@carelearn.test", name: "Daniel Mwangi", jobRole: "head-of-operations", department: "Operations", managerEmail: "joseph.kariuki@carelearn.test", accessLevel: "manager" },
  { email: "driver@carelearn.test", name: "Tom Okello", jobRole: "delivery-driver", department: "Delivery", managerEmail: "fleet.north@carelearn.test", accessLevel: "learner" },
  { email: "doctor@carelearn.test", name: "Dr Miriam Osei", jobRole: "doctor", department: "Clinic", managerEmail: "clinic.manager@carelearn.test", accessLevel: "learner" },
  { email: "agent@carelearn.test", name: "Sara Lindqvist", jobRole: "call-centre-agent", department: "Customer service centre", managerEmail: "csc.lead.a@carelearn.test", accessLevel: "learner" },
  // Managers the fixed people report to, so the hierarchy is several levels deep.
  { email: "csc.manager@carelearn.test", name: "Ruth Wanjala", jobRole: "department-manager", department: "Customer service centre", managerEmail: "ops.head@carelearn.test", accessLevel: "manager" },
  { email: "csc.lead.a@carelearn.test", name: "Brian Oduya", jobRole: "team-leader", department: "Customer service centre", managerEmail: "csc.manager@carelearn.test", accessLevel: "manager" },
  { email: "csc.lead.b@carelearn.test", name: "Chloe Summers", jobRole: "team-leader", department: "Customer service centre", managerEmail: "csc.manager@carelearn.test", accessLevel: "manager" },
  { email: "fleet.manager@carelearn.test", name: "Patrick Nolan", jobRole: "department-manager", department: "Delivery", managerEmail: "ops.head@carelearn.test", accessLevel: "manager" },
  { email: "fleet.north@carelearn.test", name: "Moses Kibet", jobRole: "team-leader", department: "Delivery", managerEmail: "fleet.manager@carelearn.test", accessLevel: "manager" },
  { email: "fleet.south@carelearn.test", name: "Janet Price", jobRole: "team-leader", department: "Delivery", managerEmail: "fleet.manager@carelearn.test", accessLevel: "manager" },
  { email: "warehouse.manager@carelearn.test", name: "Stephen Mbugua", jobRole: "department-manager", department: "Warehouse", managerEmail: "ops.head@carelearn.test", accessLevel: "manager" },
  { email: "clinic.manager@carelearn.test", name: "Dr Alice Ward", jobRole: "department-manager", department: "Clinic", managerEmail: "joseph.kariuki@carelearn.test", accessLevel: "manager" },
  { email: "finance.manager@carelearn.test", name: "Rahul Mehta", jobRole: "department-manager", department: "Finance", managerEmail: "joseph.kariuki@carelearn.test", accessLevel: "manager" },
  { email: "sales.manager@carelearn.test", name: "Linda Foster", jobRole: "department-manager", department: "Sales", managerEmail: "joseph.kariuki@carelearn.test", accessLevel: "manager" },
];

/** Teams of staff: how many of which role report to whom. */
const TEAMS: Array<{ managerEmail: string; department: DemoPerson["department"]; jobRole: string; size: number }> = [
  { managerEmail: "csc.lead.a@carelearn.test", department: "Customer service centre", jobRole: "call-centre-agent", size: 6 },
  { managerEmail: "csc.lead.a@carelearn.test", department: "Customer service centre", jobRole: "receptionist", size: 1 },
  { managerEmail: "csc.lead.b@carelearn.test", department: "Customer service centre", jobRole: "call-centre-agent", size: 6 },
  { managerEmail: "fleet.north@carelearn.test", department: "Delivery", jobRole: "delivery-driver", size: 6 },
  { managerEmail: "fleet.south@carelearn.test", department: "Delivery", jobRole: "delivery-driver", size: 6 },
  { managerEmail: "warehouse.manager@carelearn.test", department: "Warehouse", jobRole: "warehouse-operative", size: 7 },
  { managerEmail: "clinic.manager@carelearn.test", department: "Clinic", jobRole: "doctor", size: 2 },
  { managerEmail: "clinic.manager@carelearn.test", department: "Clinic", jobRole: "nurse", size: 4 },
  { managerEmail: "clinic.manager@carelearn.test", department: "Clinic", jobRole: "receptionist", size: 2 },
  { managerEmail: "finance.manager@carelearn.test", department: "Finance", jobRole: "accountant", size: 4 },
  { managerEmail: "sales.manager@carelearn.test", department: "Sales", jobRole: "sales-representative", size: 5 },
  { managerEmail: "admin@carelearn.test", department: "HR", jobRole: "hr-officer", size: 1 },
  { managerEmail: "ops.head@carelearn.test", department: "Operations", jobRole: "team-leader", size: 1 },
];

/** The demo organisation's people, managers before their reports. Same list on every call. */
export function demoPeople(): DemoPerson[] {
  const people = [...FIXED];
  let n = 0;
  for (const team of TEAMS) {
    for (let i = 0; i < team.size; i++, n++) {
      const first = FIRST[(n * 7) % FIRST.length] as string;
      const last = LAST[(n * 11 + 3) % LAST.length] as string;
      const title = team.jobRole === "doctor" ? "Dr " : "";
      people.push({
        email: `${first}.${last}${n}`.toLowerCase() + "@carelearn.test",
        name: `${title}${first} ${last}`,
        jobRole: team.jobRole,
        department: team.department,
        managerEmail: team.managerEmail,
        accessLevel: "learner",
      });
    }
  }
  return people;
}
