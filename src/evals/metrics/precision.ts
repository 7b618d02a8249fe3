import { classMetric } from './classes.js';

export const precision = classMetric('precision', 'precision per class (correct predictions of a class over all predictions of it); value is the macro average, micro in details');
