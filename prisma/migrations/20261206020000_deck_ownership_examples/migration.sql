-- AlterTable
ALTER TABLE "Deck" ADD COLUMN     "editTokenHash" TEXT,
ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CardExample" (
    "id" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "roomId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardExample_deckId_idx" ON "CardExample"("deckId");

-- CreateIndex
CREATE UNIQUE INDEX "CardExample_cardId_key_key" ON "CardExample"("cardId", "key");

-- AddForeignKey
ALTER TABLE "CardExample" ADD CONSTRAINT "CardExample_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardExample" ADD CONSTRAINT "CardExample_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;
