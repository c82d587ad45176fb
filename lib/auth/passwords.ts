import bcrypt from "bcryptjs";

const COST = 12;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// Compared against when the account does not exist, so that response time does not reveal it.
const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5l0x1Lq8mJ6rJ0VZnN8vZQKoQ2N9W5K";

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash != null;
}
