import "server-only";
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import { AREA_CHAIN, AREA_ENABLERS, DGA_NODE, type MapGraph, type MapNode, type MapNodeKind } from "@/core/ecosystem/map-graph";

// Where the map's nodes go, decided by ELK's layered algorithm (no coordinate is placed by hand): the
// chain area left to right (upstream → midstream → downstream), DGA beneath it, the enablers beneath DGA,
// and inside each component its elements in a column with their platforms to the right. Laid out on
// the server, so the page arrives drawn; node boxes have fixed sizes the styles keep (labels clamp).

export interface PlacedNode extends MapNode {
  /** Relative to the parent container, as React Flow's sub-flows expect. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedGraph {
  nodes: PlacedNode[];
  edges: MapGraph["edges"];
  width: number;
  height: number;
}

const SIZE: Record<Exclude<MapNodeKind, "area" | "component">, { width: number; height: number }> = {
  dga: { width: 300, height: 104 },
  element: { width: 210, height: 64 },
  platform: { width: 180, height: 52 },
  agencies: { width: 210, height: 76 },
  agency: { width: 180, height: 52 },
  more: { width: 180, height: 40 },
};
/** Room for a component's header (name, status in words, DGA's role) and an area's title. */
const COMPONENT_HEADER = 132;
const AREA_HEADER = 44;

const container = (direction: "RIGHT" | "DOWN", top: number) => ({
  "elk.algorithm": "layered",
  "elk.direction": direction,
  "elk.padding": `[top=${top},left=16,bottom=16,right=16]`,
  "elk.spacing.nodeNode": "20",
  "elk.layered.spacing.nodeNodeBetweenLayers": "40",
  // Keep unconnected nodes (elements without platforms, the agencies box) in the layered columns
  // instead of packing them as separate little graphs.
  "elk.separateConnectedComponents": "false",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
});

export async function layoutEcosystemGraph(graph: MapGraph): Promise<PlacedGraph> {
  const children = new Map<string | null, MapNode[]>();
  for (const n of graph.nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const idsIn = (parentId: string) => new Set((children.get(parentId) ?? []).map((n) => n.id));
  const edgesWithin = (parentId: string): ElkExtendedEdge[] => {
    const ids = idsIn(parentId);
    return graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  };
  const toElk = (n: MapNode): ElkNode => {
    if (n.kind === "component") {
      return { id: n.id, layoutOptions: container("RIGHT", COMPONENT_HEADER), children: (children.get(n.id) ?? []).map(toElk), edges: edgesWithin(n.id) };
    }
    if (n.kind === "area") {
      const direction = n.id === AREA_CHAIN ? "RIGHT" : "DOWN";
      return { id: n.id, layoutOptions: { ...container(direction, AREA_HEADER), "elk.spacing.nodeNode": "40", "elk.layered.spacing.nodeNodeBetweenLayers": "72" }, children: (children.get(n.id) ?? []).map(toElk), edges: edgesWithin(n.id) };
    }
    return { id: n.id, ...SIZE[n.kind] };
  };
  const root: ElkNode = {
    id: "root",
    layoutOptions: { ...container("DOWN", 0), "elk.layered.spacing.nodeNodeBetweenLayers": "64", "elk.separateConnectedComponents": "false" },
    children: (children.get(null) ?? []).map(toElk),
    // Only for the layout: the chain above DGA above the enablers. The drawn edges run DGA → component.
    edges: [
      { id: "layout:chain-dga", sources: [AREA_CHAIN], targets: [DGA_NODE] },
      { id: "layout:dga-enablers", sources: [DGA_NODE], targets: [AREA_ENABLERS] },
    ],
  };
  const laid = await new ELK().layout(root);
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      placed.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
      walk(c);
    }
  };
  walk(laid);
  return {
    // Parents before children (the builder's order), as React Flow requires.
    nodes: graph.nodes.map((n) => ({ ...n, ...placed.get(n.id)! })),
    edges: graph.edges,
    width: laid.width ?? 0,
    height: laid.height ?? 0,
  };
}
