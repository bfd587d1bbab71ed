-- AlterTable
ALTER TABLE "Player" ADD COLUMN     "answerMs" INTEGER,
ADD COLUMN     "hiddenFromGroup" BOOLEAN NOT NULL DEFAULT false;
