-- Answers locked in are logged one batch per row until their question closes [R8.2] (schema.prisma: AnswerLog).
CREATE TABLE "AnswerLog" (
    "id" BIGSERIAL NOT NULL,
    "roomId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,

    CONSTRAINT "AnswerLog_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AnswerLog_roomId_questionIndex_idx" ON "AnswerLog"("roomId", "questionIndex");

ALTER TABLE "AnswerLog" ADD CONSTRAINT "AnswerLog_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
