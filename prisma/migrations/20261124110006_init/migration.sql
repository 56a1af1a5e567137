-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SessionMode" AS ENUM ('LIVE', 'TEST', 'BACKTEST', 'MARKET');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('CREATED', 'QUEUED', 'RUNNING', 'STOPPING', 'STOPPED', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "SessionMode" NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'CREATED',
    "strategy" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "markets" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_status_idx" ON "Session"("status");

-- CreateIndex
CREATE INDEX "Session_createdAt_idx" ON "Session"("createdAt");
