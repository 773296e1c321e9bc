import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { userByIdHandler } from "./by-id.handler";
import { userByIdInput } from "./by-id.schema";
import { listUsersHandler } from "./list.handler";
import { listUsersInput } from "./list.schema";

export const usersRouter = createTRPCRouter({
  list: scopedProcedure("users.list").input(listUsersInput).query(listUsersHandler),
  byId: scopedProcedure("users.list").input(userByIdInput).query(userByIdHandler),
});
