import { Form } from "@remix-run/react";

type Props = {
  courses: Array<{ slug: string; title: string }>;
  value?: { name: string; description: string; courses: string[] };
  errors?: Record<string, string>;
  submitLabel: string;
};

/** Name, description, and which courses in what order; a plain form. */
export function CurriculumForm({ courses, value, errors = {}, submitLabel }: Props) {
  const chosen = value?.courses ?? [];
  const orderOf = (slug: string, index: number) => (chosen.includes(slug) ? chosen.indexOf(slug) + 1 : chosen.length + index + 1);
  return (
    <Form method="post" className="form card">
      <input type="hidden" name="intent" value="save" />
      <div className="field">
        <label htmlFor="name">Name</label>
        <input id="name" name="name" defaultValue={value?.name} required maxLength={80} aria-invalid={errors.name ? true : undefined} />
        {errors.name ? <p className="field-error">{errors.name}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="description">Description</label>
        <textarea id="description" name="description" defaultValue={value?.description} maxLength={500} rows={2} />
        {errors.description ? <p className="field-error">{errors.description}</p> : null}
      </div>
      <fieldset className="field course-picker">
        <legend className="label">Courses, in order</legend>
        {courses.map((course, index) => (
          <div key={course.slug} className="course-pick">
            <label>
              <input type="checkbox" name="courses" value={course.slug} defaultChecked={chosen.includes(course.slug)} /> {course.title}
            </label>
            <label className="order-field">
              <span className="visually-hidden">Position of {course.title}</span>
              <input type="number" name={`order-${course.slug}`} min={1} max={99} defaultValue={orderOf(course.slug, index)} className="input" />
            </label>
          </div>
        ))}
        {errors.courses ? <p className="field-error">{errors.courses}</p> : null}
      </fieldset>
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
