import { createContext, useContext } from "react";
import type { PublicQuiz } from "~/models/quiz-grading.server";

export type QuizCard = { quiz: PublicQuiz; bestScore: number | null; passed: boolean; attempts: number };
export type ScenarioCard = { id: string; title: string; summary: string; passed: boolean; personaName: string };

/** What a lesson's components need from the server: never answers, only what the learner may see. */
export type LessonContextValue = {
  courseSlug: string;
  quizzes: Record<string, QuizCard>;
  scenarios: Record<string, ScenarioCard>;
};

export const LessonContext = createContext<LessonContextValue>({ courseSlug: "", quizzes: {}, scenarios: {} });

export function useLesson(): LessonContextValue {
  return useContext(LessonContext);
}
