import type { backup as en } from "../en/backup.ts";

export const backup: Record<keyof typeof en, string> = {};
