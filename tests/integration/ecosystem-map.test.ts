import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { agencyComponents, components } from "@/db/schema";
import { findDgaAgencyCode, getEcosystemMapData } from "@/db/queries/ecosystem-map";
import { layoutEcosystemGraph } from "@/lib/ecosystem/map-layout";
import { AREA_CHAIN, AREA_ENABLERS, buildEcosystemGraph, DGA_NODE, type MapWords } from "@/core/ecosystem/map-graph";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

const plain = (s: string) => () => s;
const words: MapWords = {
  status: { green: "g", amber: "a", red: "r", no_data: "n", no_target: "t" },
  role: { leader: "leader", doer: "doer", follower: "follower", connector: "connector" },
  noRole: "none",
  dga: "DGA",
  dgaDetail: "",
  componentDetail: plain("c"),
  elementDetail: plain("e"),
  platformDetail: plain("p"),
  agencies: (n) => `${n}`,
  agenciesDetail: plain("a"),
  showAgencies: "show",
  hideAgencies: "hide",
  agencyDetail: plain("x"),
  more: (n) => `+${n}`,
  roleOf: (r) => r,
  valueChain: "chain",
  enablers: "enablers",
};

describeEachDatabase(
  "the ecosystem map's data",
  ({ db }) => {
    it("reads the seven components with DGA's role, their elements and platforms", async () => {
      const analyst = actorOf(await createUser(db(), { role: "analyst" }));
      const data = await getEcosystemMapData(analyst, { agencyLimit: 5 });
      expect(data.components.map((c) => c.code)).toEqual(["upstream", "midstream", "downstream", "cybersecurity", "policy_governance", "agency_support", "monitoring_evaluation"]);
      expect(data.components.every((c) => c.dgaRole !== null)).toBe(true);
      expect(data.elements.filter((e) => e.componentCode === "downstream").length).toBeGreaterThan(3);
      expect(data.platforms.find((p) => p.code === "svc.tangrat")).toMatchObject({ componentCode: "downstream", elementCode: "downstream.g2c_general" });
      // Nothing asked for: counts only.
      expect(data.agencyLists).toEqual([]);
      expect(data.components.find((c) => c.code === "downstream")!.agencyCount).toBeGreaterThan(5);
      expect(await findDgaAgencyCode()).toMatch(/^\d{5}$/);
    });

    it("lists a component's agencies on demand, capped, and a ministry's agencies in every component", async () => {
      const executive = actorOf(await createUser(db(), { role: "executive" }));
      const asked = await getEcosystemMapData(executive, { listAgenciesOf: ["downstream"], agencyLimit: 5 });
      expect(asked.agencyLists.map((l) => [l.componentCode, l.agencies.length])).toEqual([["downstream", 5]]);

      const ministry = await createAgency(db(), { type: "ministry", code: "M7700" });
      const dept = await createAgency(db(), { parentId: ministry.id, code: "M7701" });
      const [upstream] = await db().select().from(components).where(eq(components.code, "upstream"));
      await db().insert(agencyComponents).values({ agencyId: dept.id, componentId: upstream!.id, dgaRole: "connector" });
      const scoped = await getEcosystemMapData(executive, { ministryCode: "M7700", listAgenciesOf: "all", agencyLimit: 5 });
      expect(scoped.ministryCode).toBe("M7700");
      expect(scoped.components.filter((c) => c.agencyCount > 0).map((c) => [c.code, c.agencyCount])).toEqual([["upstream", 1]]);
      expect(scoped.agencyLists).toEqual([{ componentCode: "upstream", agencies: [expect.objectContaining({ code: "M7701", dgaRole: "connector" })] }]);
    });

    it("shows agency roles counts only, nationally, whatever they ask for", async () => {
      const own = await createAgency(db(), { code: "M7801" });
      const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: own.id }), own.code);
      const national = await getEcosystemMapData(actorOf(await createUser(db(), { role: "analyst" })), { agencyLimit: 5 });
      const data = await getEcosystemMapData(officer, { ministryCode: "M7700", listAgenciesOf: "all", agencyLimit: 5 });
      expect(data.agenciesVisible).toBe(false);
      expect(data.agencyLists).toEqual([]);
      // The ministry filter is not theirs to apply: the national counts.
      expect(data.ministryCode).toBeNull();
      expect(data.components.map((c) => c.agencyCount)).toEqual(national.components.map((c) => c.agencyCount));
    });

    it("lays the seeded map out: the chain left to right, then DGA, then the enablers, every node placed inside its container", async () => {
      const analyst = actorOf(await createUser(db(), { role: "analyst" }));
      const data = await getEcosystemMapData(analyst, { listAgenciesOf: ["upstream"], agencyLimit: 4 });
      const graph = buildEcosystemGraph(
        {
          components: data.components.map((c) => ({ code: c.code, group: c.group, name: c.nameEn, dgaRole: c.dgaRole, status: "no_data", score: null, counts: { green: 0, amber: 0, red: 0, no_data: 0, no_target: 0 }, agencyCount: c.agencyCount })),
          elements: data.elements.map((e) => ({ code: e.code, componentCode: e.componentCode, name: e.nameEn })),
          platforms: data.platforms.map((p) => ({ code: p.code, componentCode: p.componentCode, elementCode: p.elementCode, name: p.nameEn, channel: p.channel, ownerName: p.ownerNameEn, kpiCount: p.kpiCount })),
          agencyLists: data.agencyLists.map((l) => ({ componentCode: l.componentCode, agencies: l.agencies.map((a) => ({ code: a.code, name: a.nameEn, dgaRole: a.dgaRole })) })),
          agenciesVisible: true,
          agencyCap: 4,
          toggleHref: () => "/map",
          dgaHref: null,
        },
        words,
      );
      const placed = await layoutEcosystemGraph(graph);
      const at = new Map(placed.nodes.map((n) => [n.id, n]));
      expect(placed.nodes.every((n) => n.width > 0 && n.height > 0)).toBe(true);
      const [up, mid, down] = ["upstream", "midstream", "downstream"].map((c) => at.get(`component:${c}`)!);
      expect(up!.x + up!.width).toBeLessThanOrEqual(mid!.x);
      expect(mid!.x + mid!.width).toBeLessThanOrEqual(down!.x);
      const chain = at.get(AREA_CHAIN)!;
      const dga = at.get(DGA_NODE)!;
      expect(dga.x).toBeGreaterThanOrEqual(chain.x + chain.width);
      expect(at.get(AREA_ENABLERS)!.x).toBeGreaterThanOrEqual(dga.x + dga.width);
      for (const n of placed.nodes.filter((n) => n.parentId)) {
        const parent = at.get(n.parentId!)!;
        expect(n.x + n.width, n.id).toBeLessThanOrEqual(parent.width);
        expect(n.y + n.height, n.id).toBeLessThanOrEqual(parent.height);
      }
      expect(placed.nodes.filter((n) => n.kind === "agency")).toHaveLength(4);
    });
  },
  { seeded: true },
);
