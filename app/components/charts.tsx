import { useId } from "react";

type Bar = { label: string; value: number; note?: string };

/** Horizontal percentage bars as inline SVG: no JavaScript, and a description for screen readers. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const row = 30;
  const labelWidth = 190;
  const barWidth = 330;
  const height = bars.length * row + 10;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 600 ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{bars.map((b) => `${b.label}: ${b.value}%`).join("; ")}</desc>
        {bars.map((b, i) => {
          const y = i * row + 6;
          const width = Math.max(0, Math.min(100, b.value)) * (barWidth / 100);
          return (
            <g key={b.label}>
              <text x={labelWidth - 10} y={y + 15} textAnchor="end" className="chart-label">
                {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y} width={barWidth} height={20} rx={4} className="chart-track" />
              <rect x={labelWidth} y={y} width={width} height={20} rx={4} className={b.value >= 80 ? "chart-bar chart-good" : b.value >= 50 ? "chart-bar" : "chart-bar chart-low"} />
              <text x={labelWidth + barWidth + 8} y={y + 15} className="chart-value">
                {b.value}%{b.note ? ` ${b.note}` : ""}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}

/** A percentage line over time as inline SVG, with a gridline every 25%. */
export function LineChart({ title, points }: { title: string; points: Array<{ label: string; value: number }> }) {
  const id = useId();
  const [left, right, top, bottom] = [44, 580, 14, 190];
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i * (right - left)) / (points.length - 1));
  const y = (v: number) => bottom - (Math.max(0, Math.min(100, v)) * (bottom - top)) / 100;
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  return (
    <figure className="chart">
      <svg viewBox="0 0 600 220" role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{points.map((p) => `${p.label}: ${p.value}%`).join("; ")}</desc>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={left - 8} y={y(v) + 4} textAnchor="end" className="chart-axis">
              {v}%
            </text>
          </g>
        ))}
        <path d={path} className="chart-line" />
        {points.map((p, i) => (
          <circle key={p.label} cx={x(i)} cy={y(p.value)} r={4} className="chart-dot">
            <title>
              {p.label}: {p.value}%
            </title>
          </circle>
        ))}
        {points.length > 0
          ? [0, Math.floor((points.length - 1) / 2), points.length - 1].map((i) => (
              <text key={i} x={x(i)} y={212} textAnchor="middle" className="chart-axis">
                {points[i]!.label}
              </text>
            ))
          : null}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}
