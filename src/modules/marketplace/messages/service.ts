import { bindUseCases } from '../../../core/use-case';
import type { MarketplaceDeps } from '../shared/deps';
import { listConversation, markConversationRead, unreadMessageCounts } from './read-messages';
import { deleteMessage, editMessage, sendMessage } from './write-message';

/** The message use cases over one set of deps (routes, tests). */
export function createMessageService(deps: MarketplaceDeps) {
  return bindUseCases(deps, {
    send: sendMessage,
    edit: editMessage,
    remove: deleteMessage,
    list: listConversation,
    markRead: markConversationRead,
    unreadCounts: unreadMessageCounts,
  });
}

export type MessageService = ReturnType<typeof createMessageService>;
