// DEMO DATA — deterministic seed content for Lamnam. Fictional people; never use these accounts in production.
// One account per role, plus a second agency officer in another agency and a second ministry reviewer (of a
// ministry the demo's agencies are not under) for scoping tests.
import type { SeedUser } from "@/lib/reference/data/types";

export { DEMO_PASSWORD } from "@/core/demo";

export const DEMO_USERS: SeedUser[] = [
  {
    email: "admin@lamnam.demo",
    name: "สมชาย ใจดี",
    role: "admin",
    locale: "en",
  },
  {
    email: "analyst@lamnam.demo",
    name: "พิมพ์ชนก ศรีสุข",
    role: "analyst",
    agencyCode: "01002", // DGA
    locale: "th",
  },
  {
    email: "executive@lamnam.demo",
    name: "ณัฐพล วงศ์สวัสดิ์",
    role: "executive",
    agencyCode: "01002", // DGA
    locale: "th",
  },
  {
    email: "head@lamnam.demo",
    name: "อรุณี แก้วมณี",
    role: "agency_head",
    agencyCode: "03002", // Department of Provincial Administration
    locale: "th",
  },
  {
    email: "officer@lamnam.demo",
    name: "ธีรวัฒน์ บุญมา",
    role: "agency_officer",
    agencyCode: "03002", // Department of Provincial Administration
    locale: "th",
  },
  {
    email: "officer2@lamnam.demo",
    name: "กมลวรรณ สุขเจริญ",
    role: "agency_officer",
    agencyCode: "02003", // Revenue Department
    locale: "th",
  },
  {
    email: "ministry@lamnam.demo",
    name: "วิไลวรรณ ทองคำ",
    role: "ministry_reviewer",
    agencyCode: "03000", // Ministry of Interior: reviews its departments' submissions (DOPA's among them)
    locale: "th",
  },
  {
    email: "province@lamnam.demo",
    name: "ประเสริฐ ดวงแก้ว",
    role: "province_reviewer",
    province: "เชียงใหม่", // reviews Chiang Mai's local administrations
    locale: "th",
  },
  {
    email: "ministry2@lamnam.demo",
    name: "สุนันทา มีสุข",
    role: "ministry_reviewer",
    agencyCode: "04000", // Ministry of Digital Economy and Society: none of DOPA's or RD's business
    locale: "th",
  },
];
