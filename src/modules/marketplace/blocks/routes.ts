import { z } from 'zod';
import { bindUseCases } from '../../../core/use-case';
import { pageOf, uuid } from '../../../http/kit/schemas';
import type { RouteModule } from '../../../http/kit/types';
import { pageQuerySchema } from '../shared/schemas';
import { blockUser, myBlocks, unblockUser } from './blocks';
import { blockCreateSchema, blockResponse } from './schemas';

const tags = ['Blocks'];

/** A person's blocks (user tier). */
export const blockRoutes: RouteModule = (app, deps) => {
  const blocks = bindUseCases({ db: deps.db }, { block: blockUser, unblock: unblockUser, list: myBlocks });

  app.post(
    '/api/v1/user/blocks',
    {
      config: { permission: 'user.blocks.create', errors: ['UNKNOWN_USER'] },
      schema: {
        tags,
        summary: 'Block a person',
        description:
          'From then on there are no applications, messages or bookings between the two of you, either way (403 USER_BLOCKED; for an application or ' +
          'a conversation, a block between the applicant and anyone of the listing’s account counts). 201, or 200 when you block them already.',
        body: blockCreateSchema,
        response: { 200: blockResponse, 201: blockResponse },
      },
    },
    async (request, reply) => {
      const { created, block } = await blocks.block(request.ctx, request.body);
      return reply.status(created ? 201 : 200).send(block);
    },
  );

  app.delete(
    '/api/v1/user/blocks/:userId',
    {
      config: { permission: 'user.blocks.delete' },
      schema: { tags, summary: 'Lift a block (none: no error)', params: z.strictObject({ userId: uuid }), response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await blocks.unblock(request.ctx, request.params.userId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/user/blocks',
    {
      config: { permission: 'user.blocks.read' },
      schema: { tags, summary: 'The people I block, newest first', querystring: pageQuerySchema, response: { 200: pageOf(blockResponse) } },
    },
    async (request) => blocks.list(request.ctx, request.query),
  );
};
