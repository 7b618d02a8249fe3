import type { Metric } from './metric.js';

/** Column for answers that name no label (failed calls included). */
export const NO_LABEL = '(none)';

export const confusionMatrix: Metric = {
  name: 'confusion_matrix',
  kind: 'classification',
  better: 'higher',
  description: 'counts of true label (rows) against predicted label (columns); value is the share on the diagonal',
  compute(cases) {
    const index = new Map<string, number>();
    let noLabel = false;
    for (const c of cases) {
      if (c.label === undefined) continue;
      index.set(c.label, 0);
      if (c.predicted == null) noLabel = true;
      else index.set(c.predicted, 0);
    }
    const labels = [...index.keys()].sort();
    if (noLabel) labels.push(NO_LABEL);
    labels.forEach((label, i) => index.set(label, i));
    const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
    let total = 0;
    let diagonal = 0;
    for (const c of cases) {
      if (c.label === undefined) continue;
      const row = index.get(c.label)!;
      const col = c.predicted == null ? labels.length - 1 : index.get(c.predicted)!;
      matrix[row][col]++;
      total++;
      if (row === col) diagonal++;
    }
    return { value: total ? diagonal / total : null, support: total, details: { labels, matrix } };
  },
};
