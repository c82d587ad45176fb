import type { ReportMap, ReportSnapshot } from "@/core/reports/snapshot";
import type { ReportTranslator } from "@/core/reports/text";
import type { Status } from "@/core/scoring";
import { STATUS_ICONS } from "@/components/dashboard/status-badge";
import { ReportTable, StatusTag } from "./report-parts";

// The ecosystem map on its own landscape page of the printed report: the /map page's graph and ELK
// layout drawn as static SVG on the server (no script), each component in its status colour with the
// status and DGA's role in words; a table of the same follows for reading and for screen readers.

const FILL: Record<Status, { fill: string; stroke: string }> = {
  green: { fill: "#e6f4ea", stroke: "#1a7f37" },
  amber: { fill: "#fff4d6", stroke: "#9a6700" },
  red: { fill: "#fde8e8", stroke: "#b42318" },
  no_data: { fill: "#f2f4f7", stroke: "#98a2b3" },
  no_target: { fill: "#f2f4f7", stroke: "#98a2b3" },
};

type MapNode = ReportMap["nodes"][number];

function Box({ n }: { n: MapNode }) {
  const colours = n.kind === "component" && n.status ? FILL[n.status] : n.kind === "area" ? { fill: "#f8fafc", stroke: "#c5d0de" } : n.kind === "dga" ? { fill: "#1d3a5f", stroke: "#1d3a5f" } : { fill: "#ffffff", stroke: "#98a2b3" };
  const label =
    n.kind === "component" ? (
      <div className="report-map__label report-map__label--component">
        <strong>{n.label}</strong>
        {n.status && n.statusText && (
          <span>
            <span aria-hidden="true">{STATUS_ICONS[n.status]} </span>
            {n.statusText}
          </span>
        )}
        {n.roleText && <span style={{ display: "block" }}>{n.roleText}</span>}
      </div>
    ) : n.kind === "area" ? (
      <div className="report-map__label report-map__label--area">
        <strong>{n.label}</strong>
      </div>
    ) : n.kind === "dga" ? (
      <div className="report-map__label report-map__label--dga">
        <strong>{n.label}</strong>
      </div>
    ) : (
      <div className="report-map__label report-map__label--small">{n.label}</div>
    );
  return (
    <g data-node={n.id}>
      <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={n.kind === "area" ? 14 : 8} fill={colours.fill} stroke={colours.stroke} strokeWidth={n.kind === "component" ? 3 : 1.5} />
      <foreignObject x={n.x} y={n.y} width={n.width} height={n.kind === "component" || n.kind === "area" ? Math.min(n.height, n.kind === "area" ? 56 : 156) : n.height}>
        {label}
      </foreignObject>
    </g>
  );
}

/** A curve from the side of one box to the facing side of the other (components: at their header). */
function edgePath(source: MapNode, target: MapNode): string {
  const midY = (n: MapNode) => n.y + (n.kind === "component" ? Math.min(n.height, 156) / 2 : n.height / 2);
  const leftToRight = source.x + source.width / 2 <= target.x + target.width / 2;
  const sx = leftToRight ? source.x + source.width : source.x;
  const tx = leftToRight ? target.x : target.x + target.width;
  const sy = midY(source);
  const ty = midY(target);
  const bend = Math.max(30, Math.abs(tx - sx) / 2) * (leftToRight ? 1 : -1);
  return `M ${sx} ${sy} C ${sx + bend} ${sy}, ${tx - bend} ${ty}, ${tx} ${ty}`;
}

function MapDrawing({ map, title }: { map: ReportMap; title: string }) {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  return (
    <svg viewBox={`0 0 ${Math.ceil(map.width)} ${Math.ceil(map.height)}`} role="img" aria-label={title} data-testid="report-map">
      <defs>
        <marker id="report-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#1d3a5f" />
        </marker>
      </defs>
      {map.nodes.map((n) => (
        <Box key={n.id} n={n} />
      ))}
      {map.edges.map((e) => {
        const source = byId.get(e.source);
        const target = byId.get(e.target);
        if (!source || !target) return null;
        const strong = e.kind === "flow" || e.kind === "role";
        return (
          <path
            key={e.id}
            d={edgePath(source, target)}
            fill="none"
            stroke={strong ? "#1d3a5f" : "#98a2b3"}
            strokeWidth={e.kind === "flow" ? 4 : strong ? 2 : 1.5}
            strokeDasharray={e.kind === "role" ? "8 6" : undefined}
            markerEnd={strong ? "url(#report-map-arrow)" : undefined}
          />
        );
      })}
    </svg>
  );
}

export function MapSection({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  if (!s.map) return null;
  const components = s.map.nodes.filter((n) => n.kind === "component");
  return (
    <section className="report-section report-section--break report-map" id="report-map" aria-labelledby="report-map-h">
      <h2 id="report-map-h">{t("sections.map")}</h2>
      <p>{t("mapIntro")}</p>
      <MapDrawing map={s.map} title={t("sections.map")} />
      <ReportTable caption={t("mapTable")} head={[{ label: t("columns.component") }, { label: t("columns.status") }, { label: t("columns.dgaRole") }]}>
        {components.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.label}</th>
            <td>{c.status && <StatusTag status={c.status} t={t} />}</td>
            <td>{c.roleText}</td>
          </tr>
        ))}
      </ReportTable>
    </section>
  );
}
