-- Teams (issue 12 item 2): a player's team, 0-based, null when the room does not play in teams.
-- The room's team count lives in its settings (JSON, "teams").
-- AlterTable
ALTER TABLE "Player" ADD COLUMN     "team" INTEGER;
