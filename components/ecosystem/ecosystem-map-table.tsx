import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MapGraph, MapNode } from "@/core/ecosystem/map-graph";
import { TableFrame } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/dashboard/status-badge";

/** The map as tables: the same nodes (with status in words and figures) and the same connections. */
export async function EcosystemMapTable({ graph }: { graph: MapGraph }) {
  const t = await getTranslations("map.table");
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const shown = graph.nodes.filter((n) => n.kind !== "area");
  const partOf = (n: MapNode) => {
    const parent = n.kind === "component" ? null : n.componentCode ? byId.get(`component:${n.componentCode}`) : null;
    return parent ? parent.label : "–";
  };
  const name = (n: MapNode) => (n.href ? <Link href={n.href}>{n.label}</Link> : n.label);
  return (
    <section className="section" aria-labelledby="map-table-heading">
      <h2 id="map-table-heading">{t("heading")}</h2>
      <p className="muted">{t("intro")}</p>
      <TableFrame
        caption={t("nodesCaption")}
        head={[{ label: t("name") }, { label: t("kind") }, { label: t("partOf") }, { label: t("status") }, { label: t("dgaRole") }, { label: t("figures") }]}
      >
        {shown.map((n) => (
          <tr key={n.id} className={n.kind === "component" ? "eco-table__component" : undefined}>
            <th scope="row">
              {name(n)}
              {n.toggle && (
                <>
                  {" "}
                  <Link href={n.toggle.href} scroll={false} className="small">
                    {n.toggle.label}
                  </Link>
                </>
              )}
            </th>
            <td>{t(`kinds.${n.kind}`)}</td>
            <td>{partOf(n)}</td>
            <td>{n.status ? <StatusBadge status={n.status} /> : "–"}</td>
            <td>{n.roleText ?? "–"}</td>
            <td>{n.detail || "–"}</td>
          </tr>
        ))}
      </TableFrame>
      <TableFrame caption={t("edgesCaption")} head={[{ label: t("from") }, { label: t("relation") }, { label: t("to") }]}>
        {graph.edges.map((e) => (
          <tr key={e.id}>
            <td>{byId.get(e.source)?.label}</td>
            <td>{e.label ?? t(`relations.${e.kind}`)}</td>
            <td>{byId.get(e.target)?.label}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}
