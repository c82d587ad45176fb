import { describe, expect, it } from "vitest";
import { AREA_CHAIN, AREA_ENABLERS, buildEcosystemGraph, DGA_NODE, type MapInput, type MapWords } from "@/core/ecosystem/map-graph";

const words: MapWords = {
  status: { green: "On target", amber: "Watch", red: "Behind target", no_data: "No data yet", no_target: "No target" },
  role: { leader: "Leader", doer: "Doer", follower: "Follower", connector: "Connector" },
  noRole: "Role not set",
  dga: "DGA",
  dgaDetail: "Smart Connector",
  componentDetail: (c) => `score ${c.score ?? "–"} · ${c.agencyCount} agencies`,
  elementDetail: (n) => `${n} platforms`,
  platformDetail: (p) => `${p.channel} · ${p.kpiCount} KPIs`,
  agencies: (n) => `${n} agencies`,
  agenciesDetail: (n) => `${n} agencies contribute`,
  showAgencies: "Show agencies",
  hideAgencies: "Hide agencies",
  agencyDetail: (role) => `DGA: ${role}`,
  more: (n) => `+${n} more`,
  roleOf: (role) => `DGA: ${role}`,
  valueChain: "Value chain",
  enablers: "Enablers",
};

const counts = { green: 0, amber: 0, red: 0, no_data: 0, no_target: 0 };

function input(overrides: Partial<MapInput> = {}): MapInput {
  return {
    components: [
      { code: "upstream", group: "value_chain", name: "Upstream", dgaRole: "leader", status: "green", score: 90, counts: { ...counts, green: 2 }, agencyCount: 3 },
      { code: "midstream", group: "value_chain", name: "Midstream", dgaRole: "connector", status: "amber", score: 70, counts: { ...counts, amber: 1 }, agencyCount: 0 },
      { code: "downstream", group: "value_chain", name: "Downstream", dgaRole: null, status: "red", score: 40, counts: { ...counts, red: 1 }, agencyCount: 8000 },
      { code: "cybersecurity", group: "enabler", name: "Cybersecurity", dgaRole: "doer", status: "no_data", score: null, counts, agencyCount: 1 },
    ],
    elements: [
      { code: "upstream.infrastructure", componentCode: "upstream", name: "Infrastructure" },
      { code: "downstream.g2c", componentCode: "downstream", name: "G2C" },
    ],
    platforms: [
      { code: "svc.gdcc", componentCode: "upstream", elementCode: "upstream.infrastructure", name: "GDCC", channel: "G2G", ownerName: "DGA", kpiCount: 2 },
      { code: "svc.tangrat", componentCode: "downstream", elementCode: "downstream.g2c", name: "ทางรัฐ", channel: "G2C", ownerName: null, kpiCount: 0 },
      { code: "svc.orphan", componentCode: "midstream", elementCode: null, name: "Orphan", channel: "G2G", ownerName: null, kpiCount: 0 },
    ],
    agencyLists: [],
    agenciesVisible: true,
    agencyCap: 3,
    toggleHref: (code, shown) => `/map?agencies=${shown ? "" : code}`,
    dgaHref: "/agencies/99000",
    ...overrides,
  };
}

describe("the ecosystem map's graph", () => {
  it("draws the chain as a flow, the enablers apart and DGA's role toward each component in words", () => {
    const graph = buildEcosystemGraph(input(), words);
    const flow = graph.edges.filter((e) => e.kind === "flow").map((e) => [e.source, e.target]);
    expect(flow).toEqual([
      ["component:upstream", "component:midstream"],
      ["component:midstream", "component:downstream"],
    ]);
    const roles = graph.edges.filter((e) => e.kind === "role");
    expect(roles.every((e) => e.source === DGA_NODE)).toBe(true);
    expect(roles.map((e) => e.label)).toEqual(["DGA: Leader", "DGA: Connector", "DGA: Role not set", "DGA: Doer"]);
    const parents = Object.fromEntries(graph.nodes.filter((n) => n.kind === "component").map((n) => [n.componentCode, n.parentId]));
    expect(parents).toEqual({ upstream: AREA_CHAIN, midstream: AREA_CHAIN, downstream: AREA_CHAIN, cybersecurity: AREA_ENABLERS });
  });

  it("gives every component its status in words, and every node a label", () => {
    const graph = buildEcosystemGraph(input(), words);
    const components = graph.nodes.filter((n) => n.kind === "component");
    expect(components.map((n) => [n.status, n.statusText])).toEqual([
      ["green", "On target"],
      ["amber", "Watch"],
      ["red", "Behind target"],
      ["no_data", "No data yet"],
    ]);
    expect(graph.nodes.filter((n) => n.status && !n.statusText)).toEqual([]);
    expect(graph.nodes.filter((n) => !n.label.trim())).toEqual([]);
    // Every edge joins two nodes that exist.
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.filter((e) => !ids.has(e.source) || !ids.has(e.target))).toEqual([]);
  });

  it("puts elements and platforms inside their component, linked to their pages", () => {
    const graph = buildEcosystemGraph(input(), words);
    const gdcc = graph.nodes.find((n) => n.id === "platform:svc.gdcc")!;
    expect([gdcc.parentId, gdcc.href, gdcc.detail]).toEqual(["component:upstream", "/platforms/svc.gdcc", "G2G · 2 KPIs"]);
    expect(graph.edges.find((e) => e.kind === "hosts" && e.target === "platform:svc.gdcc")?.source).toBe("element:upstream.infrastructure");
    // A platform without an element sits in its component with no edge.
    expect(graph.nodes.find((n) => n.id === "platform:svc.orphan")?.parentId).toBe("component:midstream");
    expect(graph.edges.some((e) => e.target === "platform:svc.orphan")).toBe(false);
    expect(graph.nodes.find((n) => n.id === "component:downstream")?.href).toBe("/components/downstream");
  });

  it("counts agencies until asked, then lists at most the cap and links the rest", () => {
    const counted = buildEcosystemGraph(input(), words);
    expect(counted.nodes.filter((n) => n.kind === "agency")).toEqual([]);
    const downstream = counted.nodes.find((n) => n.id === "agencies:downstream")!;
    expect([downstream.label, downstream.toggle]).toEqual(["8000 agencies", { href: "/map?agencies=downstream", label: "Show agencies", shown: false }]);
    // Nothing to show: no button.
    expect(counted.nodes.find((n) => n.id === "agencies:midstream")?.toggle).toBeNull();

    const many = Array.from({ length: 20 }, (_, i) => ({ code: `A${i}`, name: `Agency ${i}`, dgaRole: "follower" as const }));
    const listed = buildEcosystemGraph(input({ agencyLists: [{ componentCode: "downstream", agencies: many }] }), words);
    const agencies = listed.nodes.filter((n) => n.kind === "agency");
    expect(agencies.map((n) => n.label)).toEqual(["Agency 0", "Agency 1", "Agency 2"]);
    expect(agencies[0]).toMatchObject({ href: "/agencies/A0", detail: "DGA: Follower", parentId: "component:downstream" });
    const more = listed.nodes.find((n) => n.kind === "more")!;
    expect([more.label, more.href]).toEqual(["+7997 more", "/components/downstream?view=agencies#contributors-heading"]);
    expect(listed.nodes.find((n) => n.id === "agencies:downstream")?.toggle).toMatchObject({ label: "Hide agencies", shown: true });
  });

  it("shows no agency names, and no button, to a reader who may not see other agencies", () => {
    const list = [{ componentCode: "upstream", agencies: [{ code: "A1", name: "Agency 1", dgaRole: "leader" as const }] }];
    const graph = buildEcosystemGraph(input({ agenciesVisible: false, agencyLists: list, dgaHref: null }), words);
    expect(graph.nodes.filter((n) => n.kind === "agency" || n.kind === "more")).toEqual([]);
    expect(graph.nodes.filter((n) => n.toggle)).toEqual([]);
    expect(graph.nodes.find((n) => n.id === "agencies:upstream")?.label).toBe("3 agencies");
    expect(graph.nodes.find((n) => n.id === DGA_NODE)?.href).toBeNull();
  });
});
