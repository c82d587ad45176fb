// Tag suggestion for what agencies ask DGA for: a keyword list per tag, matched in Thai and English text.
// The tags and their keywords are data (ask_tags, admin-managed); DEFAULT_ASK_TAGS is the starting list.

export interface TagKeywords {
  code: string;
  keywords: readonly string[];
}

export interface DefaultAskTag extends TagKeywords {
  nameTh: string;
  nameEn: string;
}

/** The catch-all tag: suggested when some text is there but no keyword matched. */
export const OTHER_TAG = "other";

export const DEFAULT_ASK_TAGS: readonly DefaultAskTag[] = [
  { code: "budget", nameTh: "งบประมาณ", nameEn: "Budget", keywords: ["งบประมาณ", "งบ", "เบิกจ่าย", "ค่าใช้จ่าย", "เงินทุน", "budget", "funding", "disburse"] },
  { code: "staff_skills", nameTh: "ทักษะบุคลากร", nameEn: "Staff skills", keywords: ["บุคลากร", "ทักษะ", "อบรม", "ฝึกอบรม", "เจ้าหน้าที่", "ขาดคน", "กำลังคน", "staff", "skill", "training", "personnel"] },
  { code: "infrastructure", nameTh: "โครงสร้างพื้นฐาน", nameEn: "Infrastructure", keywords: ["โครงสร้างพื้นฐาน", "คลาวด์", "เครือข่าย", "เซิร์ฟเวอร์", "อินเทอร์เน็ต", "ฮาร์ดแวร์", "ระบบเดิม", "infrastructure", "cloud", "network", "server", "hardware", "legacy"] },
  { code: "law_regulation", nameTh: "กฎหมายและระเบียบ", nameEn: "Law and regulation", keywords: ["กฎหมาย", "ระเบียบ", "ข้อบังคับ", "พระราชบัญญัติ", "พ.ร.บ.", "ประกาศ", "law", "legal", "regulation", "act"] },
  { code: "data_sharing", nameTh: "การเชื่อมโยงและแบ่งปันข้อมูล", nameEn: "Data sharing", keywords: ["เชื่อมโยงข้อมูล", "แลกเปลี่ยนข้อมูล", "แบ่งปันข้อมูล", "บูรณาการข้อมูล", "เปิดเผยข้อมูล", "data sharing", "data exchange", "interoperab", "open data", "linkage"] },
  { code: "procurement", nameTh: "การจัดซื้อจัดจ้าง", nameEn: "Procurement", keywords: ["จัดซื้อ", "จัดจ้าง", "ประกวดราคา", "ผู้รับจ้าง", "tor", "procure", "tender", "contractor", "vendor"] },
  { code: "standards", nameTh: "มาตรฐาน", nameEn: "Standards", keywords: ["มาตรฐาน", "แนวปฏิบัติ", "standard", "guideline", "specification"] },
  { code: OTHER_TAG, nameTh: "อื่น ๆ", nameEn: "Other", keywords: [] },
];

/** Case, width and spacing folded so that "Data  Sharing" and "data sharing" match; Thai is left as is. */
export function normaliseAskText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const LATIN = /^[a-z0-9 .\-]+$/;

/**
 * Whether a keyword occurs in the (normalised) text. Thai is written without spaces between words, so a
 * Thai keyword matches anywhere; a Latin keyword must start at a word boundary ("act" matches "act" and
 * "acts" but not "impact"), and may run on ("interoperab" matches "interoperability").
 */
function containsKeyword(text: string, keyword: string): boolean {
  const k = normaliseAskText(keyword);
  if (!k) return false;
  if (!LATIN.test(k)) return text.includes(k);
  let from = 0;
  for (;;) {
    const at = text.indexOf(k, from);
    if (at < 0) return false;
    if (at === 0 || !/[a-z0-9]/.test(text[at - 1]!)) return true;
    from = at + 1;
  }
}

/**
 * The tags whose keywords occur in the text, in the order of `tags`; "other" when the text says something
 * and nothing matched; nothing for a blank text. A suggestion only: the analyst confirms or changes it.
 */
export function suggestTags(text: string | null | undefined, tags: readonly TagKeywords[]): string[] {
  const normalised = normaliseAskText(text ?? "");
  if (!normalised) return [];
  const matched = tags.filter((tag) => tag.code !== OTHER_TAG && tag.keywords.some((k) => containsKeyword(normalised, k))).map((t) => t.code);
  if (matched.length) return matched;
  return tags.some((t) => t.code === OTHER_TAG) ? [OTHER_TAG] : [];
}

/** Parses an admin's keyword field: one keyword per line or comma, trimmed, blank and duplicate ones dropped. */
export function parseKeywordList(raw: string): string[] {
  return [...new Set(raw.split(/[\n,]/).map((k) => k.trim()).filter(Boolean))];
}
