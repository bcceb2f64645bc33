import { useLesson } from "./lesson-context";

export function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
  const { courseSlug } = useLesson();
  return (
    <figure className="figure">
      <img src={`/course-assets/${courseSlug}/${encodeURIComponent(src)}`} alt={alt} loading="lazy" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
