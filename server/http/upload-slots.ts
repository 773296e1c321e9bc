/**
 * How many uploads one instance reads at once, in all and per person. An upload holds its body in
 * memory up to its cap (25 MB) while it is checked and stored: a few people, or one person with
 * many tabs, must not be able to fill the instance's memory or starve everyone else's requests.
 */
export const uploadLimits = { perPerson: 2, perInstance: 8 };

export interface UploadSlots {
  /** A slot for the person's upload, or null when they or the instance are at the limit; release it when done. */
  take(personId: string): (() => void) | null;
}

export function uploadSlots(limits = uploadLimits): UploadSlots {
  const byPerson = new Map<string, number>();
  let total = 0;
  return {
    take(personId) {
      const mine = byPerson.get(personId) ?? 0;
      if (mine >= limits.perPerson || total >= limits.perInstance) return null;
      byPerson.set(personId, mine + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (byPerson.get(personId) ?? 1) - 1;
        if (left > 0) byPerson.set(personId, left);
        else byPerson.delete(personId);
      };
    },
  };
}
