import { Children, isValidElement, type ReactElement, type ReactNode, useId } from "react";

type WithChildren = { children?: ReactNode };

/** The list items inside the markdown list an author wrote within <Checklist>. */
function listItems(children: ReactNode): ReactNode[] {
  const items: ReactNode[] = [];
  Children.forEach(children, (child) => {
    if (!isValidElement(child)) return;
    const element = child as ReactElement<WithChildren>;
    Children.forEach(element.props.children, (item) => {
      if (isValidElement(item)) items.push((item as ReactElement<WithChildren>).props.children);
    });
  });
  return items;
}

/** A tickable list: a reading aid, so the ticks live in the page only. */
export function Checklist({ title, children }: { title?: string; children?: ReactNode }) {
  const id = useId();
  const items = listItems(children);
  return (
    <section className="checklist" aria-labelledby={`${id}-title`}>
      <p className="checklist-title" id={`${id}-title`}>
        ✓ {title ?? "Checklist"}
      </p>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            <label>
              <input type="checkbox" /> <span>{item}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
