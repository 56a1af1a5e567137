-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "equity" JSONB,
ADD COLUMN     "error" TEXT,
ADD COLUMN     "fromTime" TIMESTAMPTZ(3),
ADD COLUMN     "initialBalance" DECIMAL(36,18),
ADD COLUMN     "metrics" JSONB,
ADD COLUMN     "metricsVersion" INTEGER,
ADD COLUMN     "settleCurrency" TEXT,
ADD COLUMN     "toTime" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SessionFill" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "price" DECIMAL(36,18) NOT NULL,
    "qty" DECIMAL(36,18) NOT NULL,
    "fee" DECIMAL(36,18) NOT NULL,
    "liquidity" TEXT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionFill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundTrip" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "market" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "qty" DECIMAL(36,18) NOT NULL,
    "entryTime" TIMESTAMPTZ(3) NOT NULL,
    "exitTime" TIMESTAMPTZ(3) NOT NULL,
    "entryPrice" DECIMAL(36,18) NOT NULL,
    "exitPrice" DECIMAL(36,18) NOT NULL,
    "pnl" DECIMAL(36,18) NOT NULL,
    "fees" DECIMAL(36,18) NOT NULL,
    "funding" DECIMAL(36,18) NOT NULL,

    CONSTRAINT "RoundTrip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionFill_sessionId_seq_key" ON "SessionFill"("sessionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RoundTrip_sessionId_seq_key" ON "RoundTrip"("sessionId", "seq");

-- AddForeignKey
ALTER TABLE "SessionFill" ADD CONSTRAINT "SessionFill_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundTrip" ADD CONSTRAINT "RoundTrip_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
