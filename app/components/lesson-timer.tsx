import { useEffect, useRef } from "react";

/**
 * Counts the seconds the lesson is actually on screen, writes them into the Mark complete form,
 * and reports the rest when the reader leaves. Without JavaScript, time is taken from the
 * first visit to completion instead.
 */
export function useReadingSeconds(courseSlug: string, lessonSlug: string, inputName = "seconds") {
  const seconds = useRef(0);
  const reported = useRef(0);
  useEffect(() => {
    seconds.current = 0;
    reported.current = 0;
    const tick = window.setInterval(() => {
      if (document.visibilityState !== "visible") return;
      seconds.current += 1;
      document.querySelectorAll<HTMLInputElement>(`input[name="${inputName}"]`).forEach((input) => {
        input.value = String(seconds.current - reported.current);
      });
    }, 1000);
    const report = () => {
      const unreported = seconds.current - reported.current;
      if (unreported < 5) return;
      const body = new FormData();
      body.set("course", courseSlug);
      body.set("lesson", lessonSlug);
      body.set("seconds", String(unreported));
      if (navigator.sendBeacon("/api/lesson-time", body)) reported.current = seconds.current;
    };
    const onHide = () => {
      if (document.visibilityState === "hidden") report();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", report);
    return () => {
      report();
      window.clearInterval(tick);
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", report);
    };
  }, [courseSlug, lessonSlug, inputName]);
  return {
    /** Call after the form sent its seconds, so they are not reported twice. */
    markReported: () => {
      reported.current = seconds.current;
    },
  };
}
