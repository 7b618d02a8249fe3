import type { Detector } from '../model.js';
import { aiProviderKey } from './ai-provider-key.js';
import { awsAccessKey } from './aws-access-key.js';
import { email } from './email.js';
import { esDni } from './es-dni.js';
import { githubToken } from './github-token.js';
import { healthTerm } from './health-term.js';
import { iban } from './iban.js';
import { ipAddress } from './ip-address.js';
import { jwt } from './jwt.js';
import { paymentCard } from './payment-card.js';
import { phone } from './phone.js';
import { privateKey } from './private-key.js';
import { ukNhsNumber } from './uk-nhs-number.js';
import { ukNino } from './uk-nino.js';
import { usSsn } from './us-ssn.js';

/**
 * The built-in detectors. Order is priority: when two report the same span, the earlier one names it (an NHS
 * number is also a well-formed US phone number; the checksum and cue make the NHS reading the better one).
 */
export const BUILTIN_DETECTORS: readonly Detector[] = [
  privateKey,
  jwt,
  awsAccessKey,
  githubToken,
  aiProviderKey,
  paymentCard,
  iban,
  ukNhsNumber,
  usSsn,
  ukNino,
  esDni,
  email,
  ipAddress,
  phone,
  healthTerm,
];

export const BUILTIN_DETECTOR_IDS = BUILTIN_DETECTORS.map((d) => d.id);
