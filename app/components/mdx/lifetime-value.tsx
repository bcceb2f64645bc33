import { useSearchParams } from "@remix-run/react";
import { useState } from "react";

type Props = { amount?: number; period?: "week" | "month"; years?: number; currency?: string };

const PERIODS_PER_YEAR = { week: 52, month: 12 } as const;

// Building a number format is far dearer than using one, and every render of a lesson needs it.
const formats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) formats.set(currency, (format = new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 })));
  return format;
}

function positive(value: string | null, fallback: number, max: number): number {
  const n = Number(value);
  return value !== null && Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/**
 * What a customer's regular spend is worth over the years. A plain GET form, so it works without
 * JavaScript (the server renders the answer from the query); with JavaScript it answers as you type.
 */
export function LifetimeValue({ amount = 35, period = "week", years = 10, currency = "GBP" }: Props) {
  const [params] = useSearchParams();
  const [values, setValues] = useState({
    amount: positive(params.get("ltv-amount"), amount, 10_000_000),
    period: params.get("ltv-period") === "month" ? "month" : params.get("ltv-period") === "week" ? "week" : period,
    years: Math.round(positive(params.get("ltv-years"), years, 50)),
  });
  const money = moneyFormat(currency);
  const perYear = values.amount * PERIODS_PER_YEAR[values.period as "week" | "month"];
  const total = perYear * values.years;
  return (
    <section className="ltv" id="lifetime-value" aria-labelledby="ltv-title">
      <p className="ltv-title" id="ltv-title">
        What is one customer worth?
      </p>
      <form method="get" action="#lifetime-value" className="ltv-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          Spends
          <input
            type="number"
            name="ltv-amount"
            min="1"
            step="any"
            value={values.amount}
            onChange={(e) => setValues((v) => ({ ...v, amount: positive(e.target.value, v.amount, 10_000_000) }))}
          />
        </label>
        <label>
          every
          <select name="ltv-period" value={values.period} onChange={(e) => setValues((v) => ({ ...v, period: e.target.value as "week" | "month" }))}>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
        <label>
          for
          <input
            type="number"
            name="ltv-years"
            min="1"
            max="50"
            value={values.years}
            onChange={(e) => setValues((v) => ({ ...v, years: Math.round(positive(e.target.value, v.years, 50)) }))}
          />
          years
        </label>
        <noscript>
          <button type="submit" className="button button-small">
            Work it out
          </button>
        </noscript>
      </form>
      <p className="ltv-result" aria-live="polite">
        That is <strong>{money.format(perYear)}</strong> a year and <strong className="ltv-total">{money.format(total)}</strong> over{" "}
        {values.years} {values.years === 1 ? "year" : "years"}, walking out of the door with one careless moment.
      </p>
    </section>
  );
}
