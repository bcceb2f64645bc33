import { Link } from "@remix-run/react";
import { useLesson } from "./lesson-context";

export function Scenario({ id }: { id: string }) {
  const { scenarios } = useLesson();
  const card = scenarios[id];
  if (!card) return null;
  return (
    <aside className="scenario-card">
      <p className="eyebrow">Role-play</p>
      <p className="scenario-card-title">{card.title}</p>
      <p className="muted">{card.summary}</p>
      <Link to={`/scenarios/${id}`} className="button">
        {card.passed ? "Play again" : `Talk to ${card.personaName}`}
      </Link>
      {card.passed ? <span className="badge badge-success">Passed</span> : null}
    </aside>
  );
}
