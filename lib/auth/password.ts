import bcrypt from "bcryptjs";

export const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

// Compared against when the email is unknown, so that an unknown account takes as long
// to refuse as a wrong password and response times do not reveal which emails exist.
const unknownAccountHash = bcrypt.hash("no account has this password", BCRYPT_COST);

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? (await unknownAccountHash));
  return matches && hash !== undefined;
}
