import { agencies, users, type Agency, type User } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import type { AgencyType, Role } from "@/core/enums";

let sequence = 0;
const next = () => ++sequence;

export async function createAgency(db: Database, overrides: Partial<typeof agencies.$inferInsert> = {}): Promise<Agency> {
  const n = next();
  const [agency] = await db
    .insert(agencies)
    .values({
      code: `T${String(n).padStart(4, "0")}`,
      nameTh: `หน่วยงานทดสอบ ${n}`,
      nameEn: `Test agency ${n}`,
      type: "department" as AgencyType,
      ...overrides,
    })
    .returning();
  return agency!;
}

// One hash for every factory user: bcrypt at cost 12 takes ~250 ms, too slow to repeat per user.
let cachedHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = "correct horse battery staple";

export async function createUser(
  db: Database,
  overrides: Partial<typeof users.$inferInsert> & { role?: Role } = {},
): Promise<User> {
  const n = next();
  cachedHash ??= hashPassword(FACTORY_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `user${n}-${Math.random().toString(36).slice(2, 6)}@example.test`,
      name: `ผู้ใช้ทดสอบ ${n}`,
      role: "analyst",
      passwordHash: await cachedHash,
      ...overrides,
    })
    .returning();
  return user!;
}

export function actorOf(user: User, agencyCode: string | null = null): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    agencyCode,
    locale: user.locale,
    province: user.province,
    managesUsers: user.managesUsers,
  };
}
