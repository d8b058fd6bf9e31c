import type { Chat, Message } from "grammy/types";
import { ChatView } from "./chat-view.js";
import type { FakeState } from "./fake-state.js";
import type { FakeUser } from "./fake-user.js";
import type { ButtonMatcher } from "./keyboards.js";
import { compact } from "./methods-messages.js";
import { photoContent, postCallback, postMessage, replySnapshot, textContent, voiceContent, type Clicked, type PhotoInit, type Sent, type VoiceInit } from "./user-actions.js";
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

  reply(from: FakeUser, to: Message, text: string): Promise<Sent> {
    return attempt(() => {
      const target = replySnapshot(this.recordOf(to)) as Message & { reply_to_message: undefined };
      return postMessage(this.state, this.chat, from.user, { ...textContent(text), reply_to_message: target });
    });
  }

  sendLocation(from: FakeUser, latitude: number, longitude: number): Promise<Sent> {
    return postMessage(this.state, this.chat, from.user, { location: { latitude, longitude } });
  }

  sendPhoto(from: FakeUser, init: PhotoInit = {}): Promise<Sent> {
    return postMessage(this.state, this.chat, from.user, photoContent(this.state, init));
  }

  sendVoice(from: FakeUser, init: VoiceInit = {}): Promise<Sent> {
    return postMessage(this.state, this.chat, from.user, voiceContent(this.state, init));
  }

  click(from: FakeUser, target: Message | undefined, button: ButtonMatcher): Promise<Clicked> {
    return attempt(() => {
      const record = this.clickTarget(target);
      return postCallback(this.state, record, from.user, this.callbackDataOf(record, button));
    });
  }

  /** Presses with data of the caller's choosing, as a modified client can. */
  clickData(from: FakeUser, message: Message, data: string): Promise<Clicked> {
    return attempt(() => postCallback(this.state, this.recordOf(message), from.user, data));
  }
}
