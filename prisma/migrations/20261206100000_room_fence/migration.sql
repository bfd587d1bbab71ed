-- Failover between processes [R8.4]: the fencing number of the room's newest owner. A batch is written only
-- under a number at least this high, so a process that lost the room can no longer write to it.
ALTER TABLE "Room" ADD COLUMN "fence" INTEGER NOT NULL DEFAULT 0;
