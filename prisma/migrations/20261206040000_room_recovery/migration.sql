-- Crash recovery (docs/SPEC.md R8.3): what a restarted process needs to bring a running room back.
-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "joinUrl" TEXT,
ADD COLUMN     "phase" TEXT,
ADD COLUMN     "plan" JSONB;

-- AlterTable
ALTER TABLE "RoomQuestion" ADD COLUMN     "closesAt" TIMESTAMP(3);
