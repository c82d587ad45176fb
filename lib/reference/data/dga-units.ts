// DGA's units a support request can be routed to: a starting list for administrators to adapt (/admin/asks).
export const DGA_UNITS = [
  { code: "agency_support", nameTh: "ฝ่ายสนับสนุนหน่วยงานภาครัฐ", nameEn: "Agency Support" },
  { code: "policy_standards", nameTh: "ฝ่ายนโยบายและมาตรฐานรัฐบาลดิจิทัล", nameEn: "Digital Government Policy and Standards" },
  { code: "data_infrastructure", nameTh: "ฝ่ายข้อมูลและโครงสร้างพื้นฐาน", nameEn: "Data and Infrastructure" },
  { code: "platforms", nameTh: "ฝ่ายแพลตฟอร์มและบริการดิจิทัล", nameEn: "Digital Platforms and Services" },
  { code: "academy", nameTh: "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล (TDGA)", nameEn: "Thailand Digital Government Academy (TDGA)" },
] as const;
