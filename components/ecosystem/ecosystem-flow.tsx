"use client";

import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, type FocusEvent } from "react";
import { Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps, type ReactFlowInstance } from "@xyflow/react";
import { AREA_CHAIN, type MapEdge } from "@/core/ecosystem/map-graph";
import type { PlacedGraph, PlacedNode } from "@/lib/ecosystem/map-layout";
import { STATUS_ICONS } from "@/components/dashboard/status-badge";

type MapFlowNode = Node<{ node: PlacedNode }>;

/**
 * The drawn map: React Flow renders the nodes where ELK put them (lib/ecosystem/map-layout), with zoom and
 * pan. Every node's name is a link (Tab reaches it, Enter opens it); focusing one brings it into view and
 * shows its figures, as hovering does. Nodes are not draggable or selectable: it is a map, not an editor.
 */
export function EcosystemFlow({ graph }: { graph: PlacedGraph }) {
  return (
    <ReactFlowProvider>
      <Flow graph={graph} />
    </ReactFlowProvider>
  );
}

const NODE_TYPES = { map: MapNodeView };

function Flow({ graph }: { graph: PlacedGraph }) {
  const t = useTranslations("map.flow");
  const flow = useReactFlow();
  const placed = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const nodes = useMemo<MapFlowNode[]>(
    () =>
      graph.nodes.map((n) => ({
        id: n.id,
        type: "map",
        position: { x: n.x, y: n.y },
        width: n.width,
        height: n.height,
        // React Flow turns pointer events off on nodes that are neither selectable nor draggable: the
        // links, the show-agencies toggle and the hover figures need them.
        style: { width: n.width, height: n.height, pointerEvents: "all" as const },
        ...(n.parentId ? { parentId: n.parentId, extent: "parent" as const } : {}),
        data: { node: n },
        draggable: false,
        selectable: false,
        focusable: false,
      })),
    [graph],
  );
  const edges = useMemo<Edge[]>(() => graph.edges.map((e) => toFlowEdge(e, placed)), [graph, placed]);
  // A link inside the transformed pane makes the browser scroll the pane's clipped box; undo that and
  // centre the focused node instead, so keyboard users always see where they are.
  const onFocus = useCallback(
    (event: FocusEvent<HTMLDivElement>) => {
      const element = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
      const id = element?.dataset.id;
      const wrapper = event.currentTarget.querySelector<HTMLElement>(".react-flow");
      if (wrapper) {
        wrapper.scrollTop = 0;
        wrapper.scrollLeft = 0;
      }
      const internal = id ? flow.getInternalNode(id) : undefined;
      if (!internal) return;
      const { x, y } = internal.internals.positionAbsolute;
      const box = placed.get(id!);
      const zoom = Math.max(flow.getZoom(), 0.8);
      void flow.setCenter(x + (box?.width ?? 0) / 2, y + Math.min(box?.height ?? 0, 120) / 2, { zoom, duration: 200 });
    },
    [flow, placed],
  );
  // The whole map on a wide screen; on a phone it would be unreadably small, so start at the head of
  // the chain (upstream) and let the reader pan along the flow or fit the whole map with the button.
  const onInit = useCallback(
    (instance: ReactFlowInstance<MapFlowNode>) => {
      const first = graph.nodes.find((n) => n.kind === "component");
      const narrow = window.matchMedia("(max-width: 700px)").matches;
      void instance.fitView(narrow && first ? { nodes: [{ id: first.id }], padding: 0.05 } : { padding: 0.05 });
    },
    [graph],
  );
  return (
    <div className="eco-flow" onFocus={onFocus} role="group" aria-label={t("label")} aria-describedby="eco-flow-help">
      <p id="eco-flow-help" className="visually-hidden">
        {t("help")}
      </p>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onInit={onInit}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnDoubleClick={false}
        ariaLabelConfig={{
          "controls.ariaLabel": t("controls"),
          "controls.zoomIn.ariaLabel": t("zoomIn"),
          "controls.zoomOut.ariaLabel": t("zoomOut"),
          "controls.fitView.ariaLabel": t("fitView"),
        }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

function toFlowEdge(e: MapEdge, placed: Map<string, PlacedNode>): Edge {
  const base = { id: e.id, source: e.source, target: e.target, focusable: false, selectable: false };
  if (e.kind === "flow") {
    return { ...base, sourceHandle: "s-right", targetHandle: "t-left", className: "eco-edge eco-edge--flow", markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
  }
  if (e.kind === "role") {
    // DGA sits between the chain (to its left) and the enablers (to its right): leave from the side facing the component.
    const chain = placed.get(e.target)?.parentId === AREA_CHAIN;
    return {
      ...base,
      type: "smoothstep",
      sourceHandle: chain ? "s-left" : "s-right",
      targetHandle: chain ? "t-bottom" : "t-top",
      label: e.label ?? undefined,
      className: "eco-edge eco-edge--role",
      labelBgPadding: [6, 3],
      labelBgBorderRadius: 4,
    };
  }
  return { ...base, sourceHandle: "s-right", targetHandle: "t-left", className: `eco-edge eco-edge--${e.kind}` };
}

function MapNodeView({ data }: NodeProps<MapFlowNode>) {
  const t = useTranslations("map.flow");
  const n = data.node;
  const tipId = `tip-${n.id.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const name = n.href ? (
    <Link href={n.href} className="eco-node__link nopan nodrag" aria-describedby={n.detail ? tipId : undefined}>
      {n.label}
    </Link>
  ) : (
    <span className="eco-node__name" tabIndex={n.detail ? 0 : undefined} aria-describedby={n.detail ? tipId : undefined}>
      {n.label}
    </span>
  );
  return (
    <div className={`eco-node eco-node--${n.kind}${n.status ? ` eco-node--status-${n.status}` : ""}`}>
      <Handles />
      {n.kind === "area" ? (
        <span className="eco-node__area">{n.label}</span>
      ) : (
        <div className="eco-node__head">
          <span className="eco-node__title">{name}</span>
          {n.status && n.statusText && (
            <span className={`status status--${n.status}`}>
              <span aria-hidden="true" className="status__icon">
                {STATUS_ICONS[n.status]}
              </span>
              {n.statusText}
            </span>
          )}
          {n.roleText && <span className="eco-node__role">{t("role", { role: n.roleText })}</span>}
          {n.toggle && (
            <Link href={n.toggle.href} className="eco-node__toggle nopan nodrag" scroll={false} aria-expanded={n.toggle.shown}>
              {n.toggle.label}
            </Link>
          )}
          {n.detail && (
            <span role="tooltip" id={tipId} className="eco-node__tip">
              {/* The whole name (the box may clamp it); screen readers already have it from the link. */}
              <strong aria-hidden="true">{n.label}</strong>
              {n.detail}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** Invisible anchors for the edges: in from the left, top or bottom; out to either side, the top or the bottom. */
function Handles() {
  return (
    <>
      <Handle type="target" id="t-left" position={Position.Left} isConnectable={false} className="eco-handle" />
      <Handle type="target" id="t-top" position={Position.Top} isConnectable={false} className="eco-handle" />
      <Handle type="target" id="t-bottom" position={Position.Bottom} isConnectable={false} className="eco-handle" />
      <Handle type="source" id="s-right" position={Position.Right} isConnectable={false} className="eco-handle" />
      <Handle type="source" id="s-left" position={Position.Left} isConnectable={false} className="eco-handle" />
      <Handle type="source" id="s-top" position={Position.Top} isConnectable={false} className="eco-handle" />
      <Handle type="source" id="s-bottom" position={Position.Bottom} isConnectable={false} className="eco-handle" />
    </>
  );
}
