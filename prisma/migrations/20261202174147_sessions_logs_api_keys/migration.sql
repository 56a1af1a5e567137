-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('READ', 'CONTROL', 'ADMIN');

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "clonedFromId" UUID,
ADD COLUMN     "completedAt" TIMESTAMPTZ(3),
ADD COLUMN     "fees" JSONB,
ADD COLUMN     "fillCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "firstDecisionAt" TIMESTAMPTZ(3),
ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "netPnl" DECIMAL(36,18),
ADD COLUMN     "note" TEXT,
ADD COLUMN     "roundTripCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "workerId" TEXT;

-- CreateTable
CREATE TABLE "SessionLog" (
    "id" BIGSERIAL NOT NULL,
    "sessionId" UUID NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "SessionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionLog_sessionId_id_idx" ON "SessionLog"("sessionId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "Session_mode_status_idx" ON "Session"("mode", "status");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_clonedFromId_fkey" FOREIGN KEY ("clonedFromId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionLog" ADD CONSTRAINT "SessionLog_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
