-- AlterTable
ALTER TABLE "Player" ADD COLUMN     "answerMs" INTEGER,
ADD COLUMN     "hiddenFromGroup" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RoomStat" (
    "roomId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "correct" INTEGER NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoomStat_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "RoomCardStat" (
    "roomId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "correct" INTEGER NOT NULL,
    "partial" INTEGER NOT NULL,
    "answerMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RoomCardStat_pkey" PRIMARY KEY ("roomId","cardId")
);

-- AddForeignKey
ALTER TABLE "RoomStat" ADD CONSTRAINT "RoomStat_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomCardStat" ADD CONSTRAINT "RoomCardStat_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
