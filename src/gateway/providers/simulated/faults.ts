import { seededRandom } from './random.js';
import type { FaultKind, SimulationSettings } from './settings.js';

/** Decides, call by call, whether the simulator fails and how: seeded, so a run's sequence of faults repeats. */
export class FaultPlan {
  private calls = 0;

  constructor(private readonly settings: SimulationSettings) {}

  next(): FaultKind | undefined {
    const { rate, kinds } = this.settings.faults;
    if (rate === 0) return undefined;
    const random = seededRandom(this.settings.seed, 'fault', this.calls++);
    return random() < rate ? kinds[Math.floor(random() * kinds.length)] : undefined;
  }
}
