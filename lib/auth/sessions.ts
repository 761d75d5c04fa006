import { prisma } from "@/lib/db/client";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Records a new signed-in session of the user; its id goes into the session cookie. */
export async function startSession(userId: string): Promise<string> {
  // Expired sessions of the user are cleared on the way.
  await prisma.authSession.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  const session = await prisma.authSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return session.id;
}

/** Whether the session is still open: signed out, expired or belonging to someone else, it is not. */
export async function isSessionOpen(sessionId: string | undefined, userId: string): Promise<boolean> {
  if (!sessionId) return false;
  const open = await prisma.authSession.count({ where: { id: sessionId, userId, expiresAt: { gt: new Date() } } });
  return open > 0;
}

export async function endSession(sessionId: string): Promise<void> {
  await prisma.authSession.deleteMany({ where: { id: sessionId } });
}
