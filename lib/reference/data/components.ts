// REFERENCE CATALOGUE — loaded by `npm run setup` (production) and by the demo seed alike (lib/reference/load.ts).
// The seven components of the digital-government ecosystem and their sub-elements, condensed from the
// Thai source text (shared/seed/dga-ecosystem-th.txt). Element codes are stable and referenced by
// services (SeedService.element); never rename them without a migration of the seed.
import type { SeedComponent } from "./types";

export const COMPONENTS: SeedComponent[] = [
  {
    code: "upstream",
    dgaRole: "leader",
    ordinal: 1,
    group: "value_chain",
    nameTh: "ต้นน้ำ",
    nameEn: "Upstream (foundations)",
    descriptionTh:
      "องค์ประกอบต้นทางของการพัฒนารัฐบาลดิจิทัลที่เป็นพื้นฐานให้การพัฒนาทั้งระดับหน่วยงานและภาพรวมเป็นไปในทิศทางเดียวกัน ได้แก่ โครงสร้างพื้นฐาน (ระบบคลาวด์ เครือข่ายความเร็วสูง ความมั่นคงปลอดภัยทางไซเบอร์) กฎหมายที่ให้อำนาจและกำหนดขอบเขตหน้าที่ มาตรฐานด้านดิจิทัล และการพัฒนาบุคลากรด้านดิจิทัลตามกรอบขีดความสามารถ",
    descriptionEn:
      "The foundations of digital government that keep agency-level and national development aligned: infrastructure (government cloud, high-speed network, cybersecurity infrastructure), enabling laws that define agencies' authority, digital standards, and digital workforce development under a competency framework for both general staff and specialists.",
    elements: [
      {
        code: "upstream.infrastructure",
        nameTh: "โครงสร้างพื้นฐานดิจิทัล (ระบบคลาวด์ เครือข่ายความเร็วสูง ความมั่นคงปลอดภัยทางไซเบอร์)",
        nameEn: "Digital infrastructure (cloud, high-speed network, cybersecurity infrastructure)",
      },
      {
        code: "upstream.laws",
        nameTh: "กฎหมายที่ให้อำนาจและกำหนดขอบเขตหน้าที่ของหน่วยงาน",
        nameEn: "Enabling laws defining agencies' authority and duties",
      },
      {
        code: "upstream.standards",
        nameTh: "มาตรฐานด้านดิจิทัล",
        nameEn: "Digital standards",
      },
      {
        code: "upstream.workforce",
        nameTh: "การพัฒนาบุคลากรด้านดิจิทัลตามกรอบขีดความสามารถ",
        nameEn: "Digital workforce development under the competency framework",
      },
    ],
  },
  {
    code: "midstream",
    dgaRole: "leader",
    ordinal: 2,
    group: "value_chain",
    nameTh: "กลางน้ำ",
    nameEn: "Midstream (shared connective tools)",
    descriptionTh:
      "ระบบเชื่อมต่อและเครื่องมือที่หน่วยงานใช้ร่วมกัน เพื่อสนับสนุนการทำงานภายในและระหว่างหน่วยงาน และเป็นพื้นฐานของช่องทางการให้บริการ ได้แก่ ระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล ระบบเชื่อมโยงและแลกเปลี่ยนข้อมูล และแพลตฟอร์มกลาง เช่น ระบบชำระเงิน ระบบเอกสารอิเล็กทรอนิกส์ และระบบข้อมูลเปิด",
    descriptionEn:
      "Connective systems and tools shared by agencies, supporting work within and between agencies and forming the basis of service channels: digital identity proofing and authentication, data linkage and exchange, and shared platforms such as payment, electronic documents and open data.",
    elements: [
      {
        code: "midstream.digital_id",
        nameTh: "ระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล",
        nameEn: "Digital identity proofing and authentication",
      },
      {
        code: "midstream.data_exchange",
        nameTh: "ระบบการเชื่อมโยงและแลกเปลี่ยนข้อมูล",
        nameEn: "Data linkage and exchange",
      },
      {
        code: "midstream.shared_platforms",
        nameTh: "แพลตฟอร์มและเครื่องมือที่ใช้ร่วมกัน (ระบบชำระเงิน เอกสารอิเล็กทรอนิกส์ ข้อมูลเปิด)",
        nameEn: "Shared platforms and tools (payment, electronic documents, open data)",
      },
    ],
  },
  {
    code: "downstream",
    dgaRole: "leader",
    ordinal: 3,
    group: "value_chain",
    nameTh: "ปลายน้ำ",
    nameEn: "Downstream (service delivery)",
    descriptionTh:
      "การให้บริการแก่กลุ่มเป้าหมายผ่านระบบการให้บริการ (Portal) ทั้งบริการประชาชน (G2C) ทั้งบริการทั่วไปและเฉพาะด้าน บริการภาคธุรกิจ (G2B) และบริการภาครัฐ (G2G) ได้แก่ ระบบงบประมาณและจัดซื้อจัดจ้าง ระบบสนับสนุนการทำงาน และระบบให้บริการขององค์กรปกครองส่วนท้องถิ่น",
    descriptionEn:
      "Services delivered to target groups through portals: to citizens (G2C, general and specialised), to businesses (G2B), and to government (G2G: budget and procurement systems, systems supporting government work, and the services of local administrative organisations).",
    elements: [
      {
        code: "downstream.g2c_general",
        nameTh: "บริการประชาชนทั่วไป (G2C) เช่น ทางรัฐ info.go.th",
        nameEn: "General citizen services (G2C), e.g. Tang Rat, info.go.th",
      },
      {
        code: "downstream.g2c_specialised",
        nameTh: "บริการประชาชนเฉพาะด้าน (G2C) เช่น Law Portal ภาษีไปไหน",
        nameEn: "Specialised citizen services (G2C), e.g. Law Portal, where do my taxes go",
      },
      {
        code: "downstream.g2b",
        nameTh: "บริการภาคธุรกิจ (G2B) เช่น Biz Portal",
        nameEn: "Business services (G2B), e.g. Biz Portal",
      },
      {
        code: "downstream.g2g_budget_procurement",
        nameTh: "ระบบงบประมาณและจัดซื้อจัดจ้างภาครัฐ (G2G)",
        nameEn: "Government budget and procurement systems (G2G)",
      },
      {
        code: "downstream.g2g_work_support",
        nameTh: "ระบบสนับสนุนการทำงานของหน่วยงานรัฐ (G2G)",
        nameEn: "Systems supporting government work (G2G)",
      },
      {
        code: "downstream.local_services",
        nameTh: "ระบบให้บริการประชาชนและธุรกิจขององค์กรปกครองส่วนท้องถิ่น",
        nameEn: "Citizen and business services of local administrative organisations",
      },
    ],
  },
  {
    code: "cybersecurity",
    dgaRole: "doer",
    ordinal: 4,
    group: "enabler",
    nameTh: "ระบบการรักษาความมั่นคงปลอดภัยทางไซเบอร์",
    nameEn: "Cybersecurity",
    descriptionTh:
      "ระบบสนับสนุนให้เกิดความปลอดภัยและความต่อเนื่องของการดำเนินงานตลอดกระบวนการตั้งแต่ต้นน้ำถึงปลายน้ำ เป็นเครื่องมือหลักในการป้องกันความเสียหายจากการโจมตีทางไซเบอร์ และเป็นพื้นฐานของความเชื่อมั่นในการใช้บริการรัฐบาลดิจิทัล",
    descriptionEn:
      "Keeps the whole chain, from upstream to downstream, safe and running: the main tool for preventing damage from cyber attacks and the basis of all stakeholders' trust in digital government services.",
    elements: [
      {
        code: "cybersecurity.protection",
        nameTh: "การป้องกันภัยคุกคามทางไซเบอร์",
        nameEn: "Protection against cyber threats",
      },
      {
        code: "cybersecurity.incident_response",
        nameTh: "การเฝ้าระวังและรับมือเหตุภัยคุกคามทางไซเบอร์",
        nameEn: "Monitoring of and response to cyber incidents",
      },
      {
        code: "cybersecurity.continuity",
        nameTh: "ความต่อเนื่องในการให้บริการและการบริหารความพร้อมต่อสภาวะวิกฤต",
        nameEn: "Service continuity and crisis readiness",
      },
      {
        code: "cybersecurity.trust",
        nameTh: "การสร้างความเชื่อมั่นและการคุ้มครองข้อมูลส่วนบุคคล",
        nameEn: "Trust building and personal data protection",
      },
    ],
  },
  {
    code: "policy_governance",
    dgaRole: "doer",
    ordinal: 5,
    group: "enabler",
    nameTh: "การกำหนดนโยบายและการกำกับการดำเนินงาน",
    nameEn: "Policy and governance",
    descriptionTh:
      "การกำหนดแนวทางและกำกับดูแลการดำเนินงานด้านการพัฒนารัฐบาลดิจิทัล ผ่านนโยบายและแผนระดับชาติว่าด้วยการพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม ยุทธศาสตร์การพัฒนาระบบราชการ แผนพัฒนารัฐบาลดิจิทัล และแผนแม่บทการส่งเสริมเศรษฐกิจดิจิทัล",
    descriptionEn:
      "Setting direction for and overseeing digital-government work through the national policy and plan on digital development for the economy and society, the public-sector development strategy, the Digital Government Development Plan and the digital economy promotion master plan.",
    elements: [
      {
        code: "policy_governance.national_plans",
        nameTh: "นโยบายและแผนระดับชาติว่าด้วยการพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม",
        nameEn: "National policy and plan on digital development for the economy and society",
      },
      {
        code: "policy_governance.public_sector_strategy",
        nameTh: "ยุทธศาสตร์การพัฒนาระบบราชการ",
        nameEn: "Public-sector development strategy",
      },
      {
        code: "policy_governance.digital_government_plan",
        nameTh: "แผนพัฒนารัฐบาลดิจิทัล",
        nameEn: "Digital Government Development Plan",
      },
      {
        code: "policy_governance.digital_economy_master_plan",
        nameTh: "แผนแม่บทการส่งเสริมเศรษฐกิจดิจิทัล",
        nameEn: "Digital economy promotion master plan",
      },
      {
        code: "policy_governance.oversight",
        nameTh: "การกำกับการดำเนินงานตามนโยบายและแผน",
        nameEn: "Oversight of policy and plan execution",
      },
    ],
  },
  {
    code: "agency_support",
    dgaRole: "leader",
    ordinal: 6,
    group: "enabler",
    nameTh: "การสนับสนุนแก่หน่วยงาน",
    nameEn: "Support to agencies",
    descriptionTh:
      "การดำเนินการเพื่อให้การดำเนินงานของหน่วยงานเป็นไปอย่างราบรื่น ทั้งด้านงบประมาณ การใช้นวัตกรรมในการทำงาน การให้คำปรึกษา และการให้บริการสนับสนุนหน่วยงาน",
    descriptionEn:
      "Helping agencies' work run smoothly: budget, the use of innovation at work, consulting, and support services for agencies.",
    elements: [
      {
        code: "agency_support.budget",
        nameTh: "การสนับสนุนด้านงบประมาณ",
        nameEn: "Budget support",
      },
      {
        code: "agency_support.innovation",
        nameTh: "การใช้นวัตกรรมในการทำงาน",
        nameEn: "Innovation at work",
      },
      {
        code: "agency_support.consulting",
        nameTh: "การให้คำปรึกษา",
        nameEn: "Consulting",
      },
      {
        code: "agency_support.support_services",
        nameTh: "การให้บริการสนับสนุนหน่วยงาน",
        nameEn: "Support services for agencies",
      },
    ],
  },
  {
    code: "monitoring_evaluation",
    dgaRole: "doer",
    ordinal: 7,
    group: "enabler",
    nameTh: "การติดตามประเมินผล",
    nameEn: "Monitoring and evaluation",
    descriptionTh:
      "การได้มาซึ่งข้อมูลเพื่อประเมินความก้าวหน้า ความสำเร็จ และปัญหาอุปสรรคในการดำเนินงาน นำไปสู่ข้อเสนอแนะในการพัฒนารัฐบาลดิจิทัล โดยใช้ระบบติดตามและประเมินผลแห่งชาติ (eMENSCR) ประกอบกับผลการประเมินที่หน่วยงานดำเนินการเอง",
    descriptionEn:
      "Obtaining the information needed to assess progress, success, problems and obstacles, leading to recommendations for developing digital government; based on the national monitoring and evaluation system (eMENSCR) together with agencies' own assessment results.",
    elements: [
      {
        code: "monitoring_evaluation.emenscr",
        nameTh: "การติดตามผ่านระบบติดตามและประเมินผลแห่งชาติ (eMENSCR)",
        nameEn: "Monitoring through the national M&E system (eMENSCR)",
      },
      {
        code: "monitoring_evaluation.self_assessment",
        nameTh: "ผลการประเมินตนเองของหน่วยงาน",
        nameEn: "Agencies' self-assessment results",
      },
      {
        code: "monitoring_evaluation.value_assessment",
        nameTh: "การประเมินความคุ้มค่าและผลตอบแทนทางสังคม (SROI)",
        nameEn: "Value-for-money and social return on investment (SROI) assessment",
      },
      {
        code: "monitoring_evaluation.recommendations",
        nameTh: "การจัดทำข้อเสนอแนะเพื่อพัฒนารัฐบาลดิจิทัล",
        nameEn: "Recommendations for digital-government development",
      },
    ],
  },
];
