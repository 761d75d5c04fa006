-- Teams, roles and API tokens. A person (one account per email) belongs to companies through
-- memberships, each with a role; the session remembers which company is active.

CREATE TABLE "Membership" (
    "userId"    UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "role"      TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_pkey" PRIMARY KEY ("userId", "companyId"),
    CONSTRAINT "Membership_role_check" CHECK ("role" IN ('owner', 'member', 'viewer')),
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Membership_companyId_idx" ON "Membership"("companyId");

-- Today's users own their companies.
INSERT INTO "Membership" ("userId", "companyId", "role", "createdAt")
SELECT "id", "companyId", 'owner', "createdAt" FROM "User";

DROP INDEX "User_companyId_idx";
ALTER TABLE "User" DROP CONSTRAINT "User_companyId_fkey";
ALTER TABLE "User" DROP COLUMN "companyId";
ALTER TABLE "User" DROP COLUMN "role";

-- The company a session works in, checked against the memberships on every request.
ALTER TABLE "AuthSession" ADD COLUMN "companyId" UUID;
UPDATE "AuthSession" s SET "companyId" = m."companyId" FROM "Membership" m WHERE m."userId" = s."userId";
DELETE FROM "AuthSession" WHERE "companyId" IS NULL;
ALTER TABLE "AuthSession" ALTER COLUMN "companyId" SET NOT NULL;

-- An invitation to join a company: the link's secret is stored only as its SHA-256.
CREATE TABLE "Invitation" (
    "id"          UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId"   UUID NOT NULL,
    "email"       TEXT NOT NULL,
    "role"        TEXT NOT NULL,
    "secretHash"  TEXT NOT NULL,
    "invitedById" UUID,
    "createdAt"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt"   TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Invitation_role_check" CHECK ("role" IN ('owner', 'member', 'viewer')),
    CONSTRAINT "Invitation_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Invitation_secretHash_key" ON "Invitation"("secretHash");
CREATE UNIQUE INDEX "Invitation_companyId_email_key" ON "Invitation"("companyId", "email");

-- A personal API token: "lr_" + 32 random bytes, stored only as its SHA-256. The request
-- counter of the current minute is its rate limit.
CREATE TABLE "ApiToken" (
    "id"          UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId"   UUID NOT NULL,
    "userId"      UUID NOT NULL,
    "name"        TEXT NOT NULL,
    "role"        TEXT NOT NULL,
    "secretHash"  TEXT NOT NULL,
    "createdAt"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt"   TIMESTAMPTZ(3),
    "lastUsedAt"  TIMESTAMPTZ(3),
    "windowStart" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "windowCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ApiToken_role_check" CHECK ("role" IN ('owner', 'member', 'viewer')),
    CONSTRAINT "ApiToken_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");
CREATE INDEX "ApiToken_companyId_idx" ON "ApiToken"("companyId");

-- A single-use "forgot password" link, valid one hour, stored as the SHA-256 of its secret.
CREATE TABLE "PasswordReset" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId"     UUID NOT NULL,
    "secretHash" TEXT NOT NULL,
    "expiresAt"  TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "PasswordReset_secretHash_key" ON "PasswordReset"("secretHash");
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- Who did what, when and from where; written in the transaction of the change itself. The
-- actor's email and the token's name are copied, so the record reads the same after they go.
-- A company's deletion is recorded with "companyId" null (the company and its log are gone).
CREATE TABLE "AuditEvent" (
    "id"         BIGSERIAL NOT NULL,
    "companyId"  UUID,
    "userId"     UUID,
    "actorEmail" TEXT,
    "tokenId"    UUID,
    "tokenName"  TEXT,
    "action"     TEXT NOT NULL,
    "target"     TEXT,
    "detail"     JSONB NOT NULL DEFAULT '{}',
    "ip"         TEXT,
    "createdAt"  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditEvent_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AuditEvent_companyId_createdAt_idx" ON "AuditEvent"("companyId", "createdAt" DESC);
