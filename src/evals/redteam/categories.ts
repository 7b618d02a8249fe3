/**
 * Red-team categories: the entries of the OWASP Top 10 for LLM Applications 2025 that a probe against a model
 * endpoint can exercise (supply chain, poisoning and embedding weaknesses need other tests). Category names and ids
 * are OWASP's (CC BY-SA 4.0); ATLAS ids are those each OWASP entry cites, plus the techniques our probes use
 * (MITRE ATLAS v5.6.0, Apache-2.0). See ATTRIBUTION.md.
 */
export const RED_TEAM_CATEGORIES = [
  'prompt_injection', 'sensitive_information_disclosure', 'improper_output_handling', 'excessive_agency',
  'system_prompt_leakage', 'misinformation', 'unbounded_consumption',
] as const;
export type RedTeamCategory = (typeof RED_TEAM_CATEGORIES)[number];

export interface CategoryInfo {
  owasp: string;
  title: string;
  /** ATLAS techniques the OWASP entry cites */
  atlas: readonly string[];
}

export const CATEGORY_INFO: Readonly<Record<RedTeamCategory, CategoryInfo>> = {
  prompt_injection: { owasp: 'LLM01:2025', title: 'Prompt Injection', atlas: ['AML.T0051.000', 'AML.T0051.001', 'AML.T0054'] },
  sensitive_information_disclosure: { owasp: 'LLM02:2025', title: 'Sensitive Information Disclosure', atlas: ['AML.T0024.000', 'AML.T0024.001', 'AML.T0024.002'] },
  improper_output_handling: { owasp: 'LLM05:2025', title: 'Improper Output Handling', atlas: [] },
  excessive_agency: { owasp: 'LLM06:2025', title: 'Excessive Agency', atlas: [] },
  system_prompt_leakage: { owasp: 'LLM07:2025', title: 'System Prompt Leakage', atlas: ['AML.T0051.000'] },
  misinformation: { owasp: 'LLM09:2025', title: 'Misinformation', atlas: ['AML.T0048', 'AML.T0048.002'] },
  unbounded_consumption: { owasp: 'LLM10:2025', title: 'Unbounded Consumption', atlas: ['AML.T0024', 'AML.T0025', 'AML.T0029', 'AML.T0034'] },
};

/** Names of the ATLAS techniques Charter's categories and default probes cite, for reports. */
export const ATLAS_TECHNIQUES: Readonly<Record<string, string>> = {
  'AML.T0024': 'Exfiltration via AI Inference API',
  'AML.T0024.000': 'Infer Training Data Membership',
  'AML.T0024.001': 'Invert AI Model',
  'AML.T0024.002': 'Extract AI Model',
  'AML.T0025': 'Exfiltration via Cyber Means',
  'AML.T0029': 'Denial of AI Service',
  'AML.T0034': 'Cost Harvesting',
  'AML.T0048': 'External Harms',
  'AML.T0048.002': 'Societal Harm',
  'AML.T0051.000': 'LLM Prompt Injection: Direct',
  'AML.T0051.001': 'LLM Prompt Injection: Indirect',
  'AML.T0053': 'AI Agent Tool Invocation',
  'AML.T0054': 'LLM Jailbreak',
  'AML.T0056': 'Extract LLM System Prompt',
  'AML.T0057': 'LLM Data Leakage',
  'AML.T0077': 'LLM Response Rendering',
  'AML.T0086': 'Exfiltration via AI Agent Tool Invocation',
  'AML.T0101': 'Data Destruction via AI Agent Tool Invocation',
};
