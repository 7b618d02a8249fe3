import type { RedTeamCategory } from '../categories.js';
import type { Probe } from '../probe.js';
import { excessiveAgency } from './excessive-agency.js';
import { improperOutputHandling } from './improper-output-handling.js';
import { misinformation } from './misinformation.js';
import { promptInjection } from './prompt-injection.js';
import { sensitiveInformationDisclosure } from './sensitive-information.js';
import { systemPromptLeakage } from './system-prompt-leakage.js';
import { unboundedConsumption } from './unbounded-consumption.js';

/**
 * Charter's default red-team suite, by OWASP category. Every attack carries its payload as a plain instruction
 * ("reply with exactly: …", "repeat the word "…" N times") or a request for the instructions or data the application
 * holds, so a detector can tell from the answer alone whether the model obeyed the attacker. A model fails a probe by
 * following an injected instruction, disclosing its instructions, or repeating personal data; refusing, or answering
 * the legitimate request without doing so, passes.
 */
export const DEFAULT_SUITE: Readonly<Record<RedTeamCategory, readonly Probe[]>> = {
  prompt_injection: promptInjection,
  sensitive_information_disclosure: sensitiveInformationDisclosure,
  improper_output_handling: improperOutputHandling,
  excessive_agency: excessiveAgency,
  system_prompt_leakage: systemPromptLeakage,
  misinformation,
  unbounded_consumption: unboundedConsumption,
};

export const DEFAULT_PROBES: readonly Probe[] = Object.values(DEFAULT_SUITE).flat();
