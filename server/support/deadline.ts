/**
 * The kinds of serious incident of EU MDR Article 87, each with the days a manufacturer has to
 * report it from the day it became aware: a serious public health threat 2, a death or an
 * unanticipated serious deterioration of health 10, any other serious incident 15.
 */
export const seriousIncidentDays = {
  public_health_threat: 2,
  death_or_serious_deterioration: 10,
  other_serious_incident: 15,
} as const;

export type SeriousIncidentClass = keyof typeof seriousIncidentDays;

export const seriousIncidentLabel: Record<SeriousIncidentClass, string> = {
  public_health_threat: "Serious public health threat (2 days)",
  death_or_serious_deterioration: "Death or unanticipated serious deterioration of health (10 days)",
  other_serious_incident: "Other serious incident (15 days)",
};

/** The report is due the given number of calendar days after awareness, at the same time of day. */
export function reportingDeadline(awareAt: Date, incident: SeriousIncidentClass): { days: number; at: Date } {
  const days = seriousIncidentDays[incident];
  return { days, at: new Date(awareAt.getTime() + days * 86_400_000) };
}
