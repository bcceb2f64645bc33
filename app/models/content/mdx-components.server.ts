import { z } from "zod";
import { slugSchema } from "./schemas.server";

/** The components course MDX may use, with the props each accepts. */
export const MDX_COMPONENT_PROPS = {
  Callout: z.strictObject({ type: z.enum(["tip", "warning", "story"]), title: z.string().max(160).optional() }),
  KeyTakeaway: z.strictObject({}),
  Checklist: z.strictObject({ title: z.string().max(160).optional() }),
  Quiz: z.strictObject({ id: slugSchema }),
  Scenario: z.strictObject({ id: slugSchema }),
  LifetimeValue: z.strictObject({
    amount: z.number().positive().max(10_000_000).optional(),
    period: z.enum(["week", "month"]).optional(),
    years: z.number().int().min(1).max(50).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO currency code such as GBP").optional(),
  }),
  Figure: z.strictObject({
    src: z.string().regex(/^[a-z0-9][a-z0-9._-]*\.(png|jpe?g|svg|webp|gif)$/i, "a file name in the course's images/ folder"),
    alt: z.string().min(3, "describe the image for people who cannot see it"),
    caption: z.string().max(300).optional(),
  }),
} as const;

export type MdxComponentName = keyof typeof MDX_COMPONENT_PROPS;
export const MDX_COMPONENT_NAMES = Object.keys(MDX_COMPONENT_PROPS) as MdxComponentName[];
