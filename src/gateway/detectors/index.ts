/** Data classification and redaction: what the gateway calls on every request and answer. */
export { BUILTIN_DETECTOR_IDS, BUILTIN_DETECTORS } from './builtin/index.js';
export type { Detector, DetectorClass, Finding } from './model.js';
export { PLACEHOLDER, RedactionSession } from './redaction.js';
export { dataClassesOf, Scanner, type ScannerOptions } from './scanner.js';
export { StreamRedactor, type StreamRedactorOptions, StreamRestorer, type TextStreamTransform } from './stream.js';
export { compileTenantDetectors, TenantDetectorSpec, TenantDictionary, TenantPattern } from './tenant.js';
