import { describe, expect, it } from "vitest";
import { DEFAULT_ASK_TAGS, parseKeywordList, suggestTags } from "@/core/asks/tags";
import { canMoveSupportRequest, type SupportRequestStatus } from "@/core/asks/enums";

describe("tag suggestion from Thai and English text", () => {
  it.each<[string, string | null, string[]]>([
    ["blank text: nothing to suggest", "   ", []],
    ["null text: nothing to suggest", null, []],
    ["the demo seed's problems: staff and budget", "บุคลากรด้านดิจิทัลไม่เพียงพอ และงบประมาณปรับปรุงระบบเดิมได้รับล่าช้า", ["budget", "staff_skills", "infrastructure"]],
    ["the demo seed's support needed: data sharing, cloud and standards", "ขอคำปรึกษาด้านมาตรฐานการเชื่อมโยงข้อมูลและการใช้คลาวด์ภาครัฐ", ["infrastructure", "data_sharing", "standards"]],
    ["eMENSCR's procurement delay", "การจัดซื้อจัดจ้างล่าช้า", ["procurement"]],
    ["eMENSCR's recommendation to speed up disbursement", "เร่งรัดการเบิกจ่าย", ["budget"]],
    ["Thai law words", "ติดข้อกฎหมายและระเบียบการใช้ข้อมูล", ["law_regulation"]],
    ["English, any case and spacing", "We need TRAINING for  staff and a Cloud server", ["staff_skills", "infrastructure"]],
    ["English keyword at a word start only: 'impact' is not 'act'", "The impact was small", ["other"]],
    ["English keyword runs on: interoperability", "Interoperability between ministries", ["data_sharing"]],
    ["nothing matched: other", "อื่น ๆ ที่ไม่เกี่ยวข้อง", ["other"]],
  ])("%s", (_name, text, expected) => {
    expect(suggestTags(text, DEFAULT_ASK_TAGS)).toEqual(expected);
  });

  it("follows an administrator's edited list: a new keyword suggests its tag, a list without 'other' suggests nothing", () => {
    const tags = [{ code: "budget", keywords: ["เงินอุดหนุน"] }];
    expect(suggestTags("ขอเงินอุดหนุนเพิ่ม", tags)).toEqual(["budget"]);
    expect(suggestTags("ไม่มีคำที่ตรง", tags)).toEqual([]);
  });

  it("reads a keyword field: one a line or comma, trimmed, duplicates and blanks dropped", () => {
    expect(parseKeywordList("งบ, budget\n\n งบ \nfunding,")).toEqual(["งบ", "budget", "funding"]);
  });
});

describe("support request status moves", () => {
  it.each<[SupportRequestStatus, SupportRequestStatus, boolean]>([
    ["received", "in_progress", true],
    ["received", "answered", true],
    ["in_progress", "answered", true],
    ["in_progress", "received", false],
    ["answered", "in_progress", false],
    ["answered", "received", false],
    ["received", "received", false],
  ])("%s → %s: %s", (from, to, allowed) => {
    expect(canMoveSupportRequest(from, to)).toBe(allowed);
  });
});
