// Money and shares at their fixed scale: "125000.00", "0.400000".
import type { Prisma } from '../../generated/prisma/client.js';

export const amountString = (d: Prisma.Decimal): string => d.toFixed(2);
export const shareString = (d: Prisma.Decimal): string => d.toFixed(6);
