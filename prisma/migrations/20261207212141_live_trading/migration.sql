-- CreateEnum
CREATE TYPE "SessionVenue" AS ENUM ('SIMULATED', 'EXCHANGE');

-- CreateEnum
CREATE TYPE "ExchangeNetwork" AS ENUM ('MAINNET', 'TESTNET', 'SIMULATOR');

-- AlterEnum
ALTER TYPE "SessionStatus" ADD VALUE 'HALTED';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "accountId" UUID,
ADD COLUMN     "risk" JSONB,
ADD COLUMN     "venue" "SessionVenue" NOT NULL DEFAULT 'SIMULATED',
ADD COLUMN     "warning" TEXT;

-- AlterTable
ALTER TABLE "SessionFill" ADD COLUMN     "execId" TEXT;

-- CreateTable
CREATE TABLE "ExchangeAccount" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "network" "ExchangeNetwork" NOT NULL,
    "keyHint" TEXT NOT NULL,
    "apiKeyCipher" TEXT NOT NULL,
    "apiSecretCipher" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExchangeAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeAccount_name_key" ON "ExchangeAccount"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SessionFill_sessionId_execId_key" ON "SessionFill"("sessionId", "execId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ExchangeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
