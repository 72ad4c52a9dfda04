export { registerUserRoutes } from './routes.ts';
export { assignRole, createUser, setPassword, setUserStatus, unlockUser } from './use-cases/manage-users.ts';
export { listUsers } from './queries.ts';
export { exampleAccounts, type ExampleAccount } from './example-accounts.ts';
