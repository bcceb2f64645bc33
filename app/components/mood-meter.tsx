import type { Mood } from "~/models/content/schemas.server";

const MOOD_ORDER: Mood[] = ["furious", "upset", "uneasy", "calm", "pleased"];
const MOOD_FACES: Record<Mood, string> = { furious: "😠", upset: "☹", uneasy: "😐", calm: "🙂", pleased: "😊" };

export function MoodMeter({ mood, name }: { mood: Mood; name: string }) {
  const level = MOOD_ORDER.indexOf(mood);
  return (
    <div className="mood" aria-label={`${name} is ${mood}`}>
      <span className="mood-label">{name} feels</span>
      <span className="mood-track" aria-hidden="true">
        {MOOD_ORDER.map((m, i) => (
          <span key={m} className={`mood-step ${i <= level ? `mood-on mood-${mood}` : ""}`} />
        ))}
      </span>
      <strong className="mood-word">{mood}</strong>
      <span aria-hidden="true" className="mood-face">
        {MOOD_FACES[mood]}
      </span>
    </div>
  );
}

export function moodMovement(before: Mood, after: Mood): "up" | "down" | "same" {
  const delta = MOOD_ORDER.indexOf(after) - MOOD_ORDER.indexOf(before);
  return delta > 0 ? "up" : delta < 0 ? "down" : "same";
}
