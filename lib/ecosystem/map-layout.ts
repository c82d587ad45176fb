import "server-only";
import { createHash } from "node:crypto";
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import { LRUCache } from "lru-cache";
import { AREA_CHAIN, AREA_ENABLERS, DGA_NODE, type MapGraph, type MapNode, type MapNodeKind } from "@/core/ecosystem/map-graph";

// Where the map's nodes go, decided by ELK (no coordinate is placed by hand): the chain area left to right
// (upstream → midstream → downstream), DGA in the middle, the enablers packed on its other side, and
// inside each component its elements in a column with their platforms to the right. Laid out on
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
  dga: { width: 320, height: 120 },
  element: { width: 210, height: 64 },
  platform: { width: 180, height: 52 },
  agencies: { width: 210, height: 76 },
  agency: { width: 180, height: 52 },
  more: { width: 180, height: 40 },
};
/** Room for a component's header (name, status in words, DGA's role) and an area's title. */
const COMPONENT_HEADER = 156;
const AREA_HEADER = 56;

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
  // Elements in catalogue order, the agencies box after them.
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
});

type Box = { x: number; y: number; width: number; height: number };
interface Layout {
  boxes: Map<string, Box>;
  width: number;
  height: number;
}

const elk = new ELK();
/**
 * Positions depend only on the graph's shape (boxes have fixed sizes; words and statuses do not move
 * anything), and ELK takes about half a second on this machine: lay each shape out once per process.
 * A cache of a pure computation, so nothing another instance would need.
 */
const layouts = new LRUCache<string, Promise<Layout>>({ max: 200 });

export async function layoutEcosystemGraph(graph: MapGraph): Promise<PlacedGraph> {
  const key = createHash("sha256")
    .update(JSON.stringify([graph.nodes.map((n) => [n.id, n.kind, n.parentId]), graph.edges.map((e) => [e.source, e.target])]))
    .digest("hex");
  let layout = layouts.get(key);
  if (!layout) {
    layout = computeLayout(graph);
    layouts.set(key, layout);
    layout.catch(() => layouts.delete(key));
  }
  const { boxes, width, height } = await layout;
  return {
    // Parents before children (the builder's order), as React Flow requires.
    nodes: graph.nodes.map((n) => ({ ...n, ...boxes.get(n.id)! })),
    edges: graph.edges,
    width,
    height,
  };
}

async function computeLayout(graph: MapGraph): Promise<Layout> {
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
      // The chain is a flow (layered, left to right); the enablers have no order among them: packed in a block.
      const options: Record<string, string> =
        n.id === AREA_CHAIN
          ? { ...container("RIGHT", AREA_HEADER), "elk.spacing.nodeNode": "40", "elk.layered.spacing.nodeNodeBetweenLayers": "72" }
          : { "elk.algorithm": "rectpacking", "elk.padding": `[top=${AREA_HEADER},left=16,bottom=16,right=16]`, "elk.spacing.nodeNode": "32", "elk.aspectRatio": "1.6" };
      return { id: n.id, layoutOptions: options, children: (children.get(n.id) ?? []).map(toElk), edges: edgesWithin(n.id) };
    }
    return { id: n.id, ...SIZE[n.kind] };
  };
  const root: ElkNode = {
    id: "root",
    layoutOptions: { ...container("RIGHT", 0), "elk.layered.spacing.nodeNodeBetweenLayers": "96", "elk.separateConnectedComponents": "false" },
    children: (children.get(null) ?? []).map(toElk),
    // Only for the layout: the chain, then DGA, then the enablers. The drawn edges run DGA → component.
    edges: [
      { id: "layout:chain-dga", sources: [AREA_CHAIN], targets: [DGA_NODE] },
      { id: "layout:dga-enablers", sources: [DGA_NODE], targets: [AREA_ENABLERS] },
    ],
  };
  const laid = await elk.layout(root);
  const boxes = new Map<string, Box>();
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
      walk(c);
    }
  };
  walk(laid);
  return { boxes, width: laid.width ?? 0, height: laid.height ?? 0 };
}
