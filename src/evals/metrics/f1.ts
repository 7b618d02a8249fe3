import { classMetric } from './classes.js';

export const f1 = classMetric('f1', 'F1 per class (harmonic mean of precision and recall); value is the macro average, micro in details');
