import type { Chat, Message } from "grammy/types";
import { ChatView } from "./chat-view.js";
import type { FakeState } from "./fake-state.js";
import type { FakeUser } from "./fake-user.js";
import type { ButtonMatcher } from "./keyboards.js";
import { compact } from "./methods-messages.js";
import { postCallback, postMessage, textContent, type Clicked, type Sent } from "./user-actions.js";
import { attempt } from "./waiting.js";

export interface FakeGroupInit {
  /** Negative, as real group ids are; ids at or below -1000000000000 make a supergroup. */
  id: number;
  title: string;
  username?: string;
}

/** A group chat where several fake users talk to the bot. */
export class FakeGroup extends ChatView {
  readonly chat: Chat.GroupChat | Chat.SupergroupChat;

  constructor(state: FakeState, init: FakeGroupInit) {
    if (init.id >= 0) throw new Error(`group ids are negative; got ${init.id}`);
    super(state, init.id);
    this.chat = init.id <= -1_000_000_000_000
      ? compact({ id: init.id, type: "supergroup", title: init.title, username: init.username })
      : { id: init.id, type: "group", title: init.title };
    state.store.registerChat(this.chat);
  }

  send(from: FakeUser, text: string): Promise<Sent> {
    return postMessage(this.state, this.chat, from.user, textContent(text));
  }

  click(from: FakeUser, target: Message | undefined, button: ButtonMatcher): Promise<Clicked> {
    return attempt(() => {
      const record = this.clickTarget(target);
      return postCallback(this.state, record, from.user, this.callbackDataOf(record, button));
    });
  }
}
