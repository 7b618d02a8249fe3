import { classMetric } from './classes.js';

export const recall = classMetric('recall', 'recall per class (correct predictions of a class over its true occurrences); value is the macro average, micro in details');
