import { sql } from 'drizzle-orm';
import type { Role } from '@shizhi/domain';
import type { Database } from '../../platform/db/client.ts';

export interface ExampleAccount {
  username: string;
  displayName: string;
  role: Role;
  orgName: string;
}

/** One account of each kind (role × level), the first by org path: what `npm start` prints. */
export async function exampleAccounts(db: Database): Promise<ExampleAccount[]> {
  const result = await db.execute<{ username: string; display_name: string; role: Role; org_name: string }>(sql`
    select distinct on (a.role, u2.level) u.username, u.display_name, a.role, u2.name as org_name
    from role_assignment a
    join app_user u on u.id = a.user_id
    join org_unit u2 on u2.code = a.org_code
    where u.status = 'active'
    order by a.role, u2.level, a.org_path, u.username`);
  const order: Role[] = ['sys_admin', 'leader', 'center_staff', 'grid_worker', 'mediator', 'dept_handler'];
  return result.rows
    .map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, orgName: r.org_name }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.username.length - b.username.length);
}
