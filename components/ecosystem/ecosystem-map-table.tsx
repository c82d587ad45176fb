"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { MAP_TABLE_ANCHOR, type MapGraph, type MapNode } from "@/core/ecosystem/map-graph";
import { TableFrame } from "@/components/ui/data-table";
import { LazyDetails } from "@/components/ui/lazy-details";
import { StatusBadge } from "@/components/dashboard/status-badge";

/**
 * The map as tables: the same nodes (with status in words and figures) and the same connections. Given the
 * same graph object as the drawing, the page carries its figures once; the tables are drawn when unfolded
 * (or when the page is opened at #map-table-heading), so the page's HTML does not carry every node twice.
 */
export function EcosystemMapTable({ graph }: { graph: MapGraph }) {
  const t = useTranslations("map.table");
  return (
    <LazyDetails className="section map-tables" openOnHash={MAP_TABLE_ANCHOR} summary={<h2 id={MAP_TABLE_ANCHOR}>{t("heading")}</h2>}>
      <p className="muted">{t("intro")}</p>
      <MapTables graph={graph} />
    </LazyDetails>
  );
}

function MapTables({ graph }: { graph: MapGraph }) {
  const t = useTranslations("map.table");
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const shown = graph.nodes.filter((n) => n.kind !== "area");
  const partOf = (n: MapNode) => {
    const parent = n.kind === "component" ? null : n.componentCode ? byId.get(`component:${n.componentCode}`) : null;
    return parent ? parent.label : "–";
  };
  const name = (n: MapNode) => (n.href ? <Link href={n.href}>{n.label}</Link> : n.label);
  return (
    <>
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
    </>
  );
}
