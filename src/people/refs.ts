import type { Actor } from '../kernel/actor.js';
import type { Conn } from '../kernel/db/connect.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';

/** A use case a request body names: one of another tenant, or none, is a field problem, not a missing route resource. */
export async function namedUseCase(portfolio: PortfolioService, actor: Actor, id: string, path: string, conn?: Conn): Promise<UseCase> {
  try {
    return await portfolio.get(actor, id, conn);
  } catch (err) {
    if (err instanceof NotFound) throw new Invalid(`no use case ${id} in this tenant`, [{ path, message: `no use case ${id} in this tenant` }]);
    throw err;
  }
}
