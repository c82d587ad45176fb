import type { DgaRole } from "@/core/enums";
import type { Status } from "@/core/scoring";

// The ecosystem relationship map as a graph: the value chain as a flow, the enablers beneath it, DGA in
// between with its Smart Connector role toward each component, and inside each component its elements,
// the platforms of each element and its agencies (a count, or on demand a short list). Pure: the page
// reads the data and the words, this decides what is a node and what connects to what, and the same
// nodes and edges feed both the drawing and its table alternative.

export interface MapComponentInput {
  code: string;
  group: "value_chain" | "enabler";
  name: string;
  dgaRole: DgaRole | null;
  /** The quarter's status, as the overview's tile has it (lib/facts/read/overview). */
  status: Status;
  score: number | null;
  counts: Record<Status, number>;
  /** Active agencies tagged with the component (in the ministry, when filtered). */
  agencyCount: number;
}

export interface MapElementInput {
  code: string;
  componentCode: string;
  name: string;
}

export interface MapPlatformInput {
  code: string;
  componentCode: string;
  elementCode: string | null;
  name: string;
  channel: string;
  ownerName: string | null;
  kpiCount: number;
}

export interface MapAgencyInput {
  code: string;
  name: string;
  dgaRole: DgaRole;
}

/** The agencies shown for a component: at most the cap, in order (the query caps; the builder re-caps). */
export interface MapAgencyList {
  componentCode: string;
  agencies: MapAgencyInput[];
}

export interface MapInput {
  components: MapComponentInput[];
  elements: MapElementInput[];
  platforms: MapPlatformInput[];
  /** Only for the components whose agencies are shown (and only to a reader who may see agencies). */
  agencyLists: MapAgencyList[];
  /** Whether agency names may be shown at all: otherwise only counts, and no "show agencies" link. */
  agenciesVisible: boolean;
  /** The most agency nodes one component gets; the rest are a "+N more" link to the component page. */
  agencyCap: number;
  /** The link that shows or hides a component's agencies (the URL keeps the state). */
  toggleHref: (componentCode: string, shown: boolean) => string;
  dgaHref: string | null;
}

/** The words the map says; built from the messages by the page, so the builder stays pure. */
export interface MapWords {
  status: Record<Status, string>;
  role: Record<DgaRole, string>;
  noRole: string;
  dga: string;
  dgaDetail: string;
  componentDetail: (c: MapComponentInput) => string;
  elementDetail: (platforms: number) => string;
  platformDetail: (p: MapPlatformInput) => string;
  agencies: (count: number) => string;
  agenciesDetail: (count: number) => string;
  showAgencies: string;
  hideAgencies: string;
  agencyDetail: (role: string) => string;
  more: (count: number) => string;
  /** "DGA: leader" on a component, and the label of the DGA → component edge. */
  roleOf: (role: string) => string;
  valueChain: string;
  enablers: string;
}

export type MapNodeKind = "area" | "dga" | "component" | "element" | "platform" | "agencies" | "agency" | "more";
export type MapEdgeKind = "flow" | "role" | "hosts" | "lists";

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  label: string;
  /** Figures for the tooltip and the table. */
  detail: string;
  href: string | null;
  /** The container the node is drawn in (a component, or the chain / enablers area). */
  parentId: string | null;
  /** The component this node belongs to (itself for a component). */
  componentCode: string | null;
  status: Status | null;
  /** The status in words: present whenever status is. */
  statusText: string | null;
  /** DGA's role toward the component, in words (components only). */
  roleText: string | null;
  /** The show/hide agencies link (agencies nodes only). */
  toggle: { href: string; label: string; shown: boolean } | null;
}

export interface MapEdge {
  id: string;
  kind: MapEdgeKind;
  source: string;
  target: string;
  label: string | null;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
}

/** The fragment of the map page's tables: the "to the table" link names it, and following it unfolds them. */
export const MAP_TABLE_ANCHOR = "map-table-heading";

export const AREA_CHAIN = "area:value_chain";
export const AREA_ENABLERS = "area:enablers";
export const DGA_NODE = "dga";

const componentId = (code: string) => `component:${code}`;

export function buildEcosystemGraph(input: MapInput, words: MapWords): MapGraph {
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const node = (n: Partial<MapNode> & Pick<MapNode, "id" | "kind" | "label">): MapNode => {
    const full: MapNode = { detail: "", href: null, parentId: null, componentCode: null, status: null, statusText: null, roleText: null, toggle: null, ...n };
    nodes.push(full);
    return full;
  };
  node({ id: AREA_CHAIN, kind: "area", label: words.valueChain });
  node({ id: DGA_NODE, kind: "dga", label: words.dga, detail: words.dgaDetail, href: input.dgaHref });
  node({ id: AREA_ENABLERS, kind: "area", label: words.enablers });

  const chain = input.components.filter((c) => c.group === "value_chain");
  for (const c of input.components) {
    const roleText = c.dgaRole ? words.role[c.dgaRole] : words.noRole;
    node({
      id: componentId(c.code),
      kind: "component",
      label: c.name,
      detail: words.componentDetail(c),
      href: `/components/${encodeURIComponent(c.code)}`,
      parentId: c.group === "value_chain" ? AREA_CHAIN : AREA_ENABLERS,
      componentCode: c.code,
      status: c.status,
      statusText: words.status[c.status],
      roleText,
    });
    edges.push({ id: `role:${c.code}`, kind: "role", source: DGA_NODE, target: componentId(c.code), label: words.roleOf(roleText) });
    addElementsAndPlatforms(c, input, words, node, edges);
    addAgencies(c, input, words, node, edges);
  }
  // Upstream feeds midstream feeds downstream, in the order given.
  for (let i = 1; i < chain.length; i++) {
    edges.push({ id: `flow:${chain[i - 1]!.code}:${chain[i]!.code}`, kind: "flow", source: componentId(chain[i - 1]!.code), target: componentId(chain[i]!.code), label: null });
  }
  return { nodes, edges };
}

type AddNode = (n: Partial<MapNode> & Pick<MapNode, "id" | "kind" | "label">) => MapNode;

function addElementsAndPlatforms(c: MapComponentInput, input: MapInput, words: MapWords, node: AddNode, edges: MapEdge[]) {
  const parentId = componentId(c.code);
  const platforms = input.platforms.filter((p) => p.componentCode === c.code);
  const elements = input.elements.filter((e) => e.componentCode === c.code);
  const elementCodes = new Set(elements.map((e) => e.code));
  for (const e of elements) {
    node({
      id: `element:${e.code}`,
      kind: "element",
      label: e.name,
      detail: words.elementDetail(platforms.filter((p) => p.elementCode === e.code).length),
      href: `/components/${encodeURIComponent(c.code)}`,
      parentId,
      componentCode: c.code,
    });
  }
  for (const p of platforms) {
    node({
      id: `platform:${p.code}`,
      kind: "platform",
      label: p.name,
      detail: words.platformDetail(p),
      href: `/platforms/${encodeURIComponent(p.code)}`,
      parentId,
      componentCode: c.code,
    });
    // A platform without a (known) element hangs off its component's agencies column: no edge.
    if (p.elementCode && elementCodes.has(p.elementCode)) {
      edges.push({ id: `hosts:${p.elementCode}:${p.code}`, kind: "hosts", source: `element:${p.elementCode}`, target: `platform:${p.code}`, label: null });
    }
  }
}

function addAgencies(c: MapComponentInput, input: MapInput, words: MapWords, node: AddNode, edges: MapEdge[]) {
  const parentId = componentId(c.code);
  const summaryId = `agencies:${c.code}`;
  const list = input.agenciesVisible ? input.agencyLists.find((l) => l.componentCode === c.code) : undefined;
  const shown = list ? list.agencies.slice(0, Math.max(0, input.agencyCap)) : [];
  node({
    id: summaryId,
    kind: "agencies",
    label: words.agencies(c.agencyCount),
    detail: words.agenciesDetail(c.agencyCount),
    parentId,
    componentCode: c.code,
    toggle:
      input.agenciesVisible && c.agencyCount > 0
        ? { href: input.toggleHref(c.code, !!list), label: list ? words.hideAgencies : words.showAgencies, shown: !!list }
        : null,
  });
  for (const a of shown) {
    const role = words.role[a.dgaRole];
    const id = `agency:${c.code}:${a.code}`;
    node({ id, kind: "agency", label: a.name, detail: words.agencyDetail(role), href: `/agencies/${encodeURIComponent(a.code)}`, parentId, componentCode: c.code });
    edges.push({ id: `lists:${c.code}:${a.code}`, kind: "lists", source: summaryId, target: id, label: null });
  }
  const rest = list ? c.agencyCount - shown.length : 0;
  if (rest > 0) {
    const id = `more:${c.code}`;
    node({ id, kind: "more", label: words.more(rest), detail: words.more(rest), href: `/components/${encodeURIComponent(c.code)}?view=agencies#contributors-heading`, parentId, componentCode: c.code });
    edges.push({ id: `lists:${c.code}:more`, kind: "lists", source: summaryId, target: id, label: null });
  }
}
