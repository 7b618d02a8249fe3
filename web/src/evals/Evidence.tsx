import { Link } from '@tanstack/react-router';
import { evidenceTarget } from './format';

/** The records that prove a criterion, each as a link to where the app shows it. */
export function EvidenceLinks({ links, criterionKind }: { links: string[]; criterionKind: string }) {
  if (!links.length) return <span className="muted">none</span>;
  return (
    <ul className="evidence-links">
      {links.map((link) => {
        const target = evidenceTarget(link, criterionKind);
        return (
          <li key={link}>
            {target.kind === 'run' ? (
              <Link to="/eval-runs/$runId" params={{ runId: target.runId }}>
                {target.label}
                <span className="visually-hidden"> {target.runId}</span>
              </Link>
            ) : target.kind === 'use-case' ? (
              <Link to="/use-cases/$useCaseId" params={{ useCaseId: target.useCaseId }}>
                {target.label}
              </Link>
            ) : (
              <a href={target.href}>{target.label}</a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
