import { getRouteApi } from '@tanstack/react-router';
import { useCan } from '../session/session';
import { AddPersonPanel } from './AddPersonPanel';
import { CoveragePanel } from './CoveragePanel';
import { Register } from './Register';
import { SignOffQueue } from './SignOffQueue';
import './people.css';

const route = getRouteApi('/signed-in/people');

/** Is everyone who uses or decides on AI trained for it? Coverage first, then the register to find who is not. */
export function PeoplePage() {
  const filter = route.useSearch();
  const canManage = useCan('people:manage');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>People</h1>
          <p className="muted">The skilling register: who holds the paths their role requires (EU AI Act Art. 4, AI literacy), and who needs a refresher.</p>
        </div>
      </div>
      <CoveragePanel />
      <SignOffQueue />
      {canManage && <AddPersonPanel />}
      <Register filter={filter} />
    </>
  );
}
