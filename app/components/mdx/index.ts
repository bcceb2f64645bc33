import { Callout, KeyTakeaway } from "./callouts";
import { Checklist } from "./checklist";
import { Figure } from "./figure";
import { LifetimeValue } from "./lifetime-value";
import { Quiz } from "./quiz-block";
import { Scenario } from "./scenario-card";

/** The components course MDX may use; the checker allows exactly these names. */
export const mdxComponents = { Callout, KeyTakeaway, Checklist, Quiz, Scenario, LifetimeValue, Figure };
