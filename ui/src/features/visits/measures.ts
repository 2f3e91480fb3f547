// Names of the saving measures for the "measure installed" input. The visit's checklist names
// the measures a step offers only by id (the reference figures with their labels are not sent
// along), so the names are kept here, the same as in assets/reference/figures-2026.toml. A
// measure that is not listed is shown by its id.
import type { Text } from '../../generated/checklist';

export const MEASURE_LABELS: Record<string, Text> = {
  shower_head: { nl: 'Waterbesparende douchekop', en: 'Water-saving shower head' },
  shower_5min: { nl: 'Korter douchen: 5 in plaats van 9 minuten', en: 'Shorter showers: 5 instead of 9 minutes' },
  shower_timer: { nl: 'Douchetimer', en: 'Shower timer' },
  thermostat_minus_1: { nl: 'Thermostaat 1 graad lager', en: 'Thermostat 1 °C lower' },
  night_15: { nl: "'s Avonds en 's nachts 15 graden", en: '15 °C in the evening and at night' },
  flow_temp_60: { nl: 'Cv-ketel op 60 graden (aanvoertemperatuur)', en: 'Boiler flow temperature at 60 °C' },
  led: { nl: 'Ledlamp in plaats van lamp van 40 W', en: 'LED replacing a 40 W lamp' },
  standby_strip: { nl: 'Stekkerdoos met schakelaar (sluipverbruik)', en: 'Power strip with switch (standby use)' },
  radiator_foil: { nl: 'Radiatorfolie (per radiator aan een buitenmuur)', en: 'Radiator foil (per radiator on an external wall)' },
  draught_strips: { nl: 'Tochtstrips', en: 'Draught strips' },
  letterbox_brush: { nl: 'Brievenbusborstel', en: 'Letterbox brush' },
  door_closer: { nl: 'Deurdranger', en: 'Door closer' },
  radiator_fan: { nl: 'Radiatorventilator', en: 'Radiator fan' },
  curtains_doors: { nl: 'Gordijnen dicht en binnendeuren dicht', en: 'Close curtains and inside doors' },
};

export function measureLabel(id: string): Text {
  return MEASURE_LABELS[id] ?? { nl: id, en: id };
}
