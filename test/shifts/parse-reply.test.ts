import { describe, expect, it } from "vitest";
import { parseShiftReply } from "../../src/shifts/parse-reply.js";
import type { ShiftReply } from "../../src/shifts/parse-reply.js";

interface Case {
  text: string;
  expected: ShiftReply;
}

const coming: ShiftReply = { kind: "coming" };
const cant: ShiftReply = { kind: "cant" };
const substitute: ShiftReply = { kind: "substitute" };
const unclear: ShiftReply = { kind: "unclear" };
const late = (lateMinutes: number): ShiftReply => ({ kind: "coming", lateMinutes });

const cases = (expected: ShiftReply, ...texts: string[]): Case[] => texts.map((text) => ({ text, expected }));

// toStrictEqual: a plain "coming" must not carry a lateMinutes key, not even an undefined one.
function check({ text, expected }: Case) {
  expect(parseShiftReply(text)).toStrictEqual(expected);
}

describe("reading a reply to tonight's patrol reminder", () => {
  it.each([
    ...cases(coming, "ok", "OK!", "okay", "k", "Yes", "yep", "Sure thing", "👍", "✅", "I can come", "I'll be there 💪"),
    ...cases(coming, "no problem", "No worries, coming", "won't be late", "coming, not late"),
    ...cases(coming, "来", "好", "好的！", "可以", "行", "没问题", "收到", "能来", "准时到", "会来", "一定到", "是", "同意"),
    ...cases(coming, "好的，谢谢", "不会迟到", "来得了", "今晚见", "不好意思刚看到，可以", "ＯＫ，没问题。"),
  ])("When a volunteer replies $text, then they are coming on time", check);

  it.each([
    ...cases(late(15), "late 15 min", "15 min late", "Sorry, 15mins late", "late 15"),
    ...cases(late(20), "running late 20 minutes", "yes but late by twenty minutes"),
    ...cases(late(10), "I'll be 10 mins late", "yes but late 10 min", "can't be on time, 10 min late"),
    ...cases(late(30), "half an hour late", "half hour late 🙏", "晚半小时", "晚半个小时到"),
    ...cases(late(60), "late by an hour", "an hour late", "晚一个小时", "迟到1小时"),
    ...cases(late(90), "an hour and a half late", "1.5 hours late", "晚一个半小时"),
    ...cases(late(20), "晚到20分钟", "晚20分钟到", "晚到 20 分钟", "晚到２０分钟", "晚到二十分钟"),
    ...cases(late(15), "迟到十五分钟", "会迟到一刻钟", "可能迟到15分"),
    ...cases(late(120), "晚两个小时", "有事，晚到两个钟头"),
    ...cases(late(99), "晚到九十九分钟"),
    ...cases(late(240), "late 240 min"),
  ])("When a volunteer replies $text, then they are coming late by the stated minutes", check);

  it.each(
    cases(coming, "会晚点", "晚点到", "running late", "I'll be a bit late, sorry", "会来，但是要晚一点", "不能准时到"),
  )("When a volunteer replies $text without a number, then they are coming with no lateMinutes", check);

  it.each([
    ...cases(cant, "no", "No.", "nope", "sorry no", "Noooo", "❌", "cant", "can't tonight", "can not make it", "cannot"),
    ...cases(cant, "won't make it", "not coming", "can't come, sorry", "Not tonight, I'm sick", "busy tonight"),
    ...cases(cant, "不", "不来", "不来了", "不能来", "来不了", "去不了", "有事", "有事去不了", "请假"),
    ...cases(cant, "今晚不行", "没空", "不好意思，今晚来不了", "今晚加班", "不去了！！"),
  ])("When a volunteer replies $text, then they cannot come", check);

  it.each([
    ...cases(substitute, "find me a substitute", "Can't come, please find someone else", "need a sub tonight"),
    ...cases(substitute, "my husband will come instead", "someone to cover for me please"),
    ...cases(substitute, "帮我找人替班", "找人替我", "让家人替", "来不了，让我老公去", "有事，麻烦帮我找个人顶班"),
  ])("When a volunteer replies $text, then they ask for a substitute", check);

  it.each([
    ...cases(unclear, "what time?", "Where do we meet", "ok?", "几点开始？", "在哪里集合", "收到通知了吗?", "来不来？"),
    ...cases(unclear, "hello", "hi", "谢谢", "你好", "15", "２０", "", "   ", "🙂"),
    ...cases(unclear, "maybe", "not sure yet", "不一定", "看情况吧", "I'll try"),
    ...cases(unclear, "late 300 min", "晚到五个小时", "late 0 min"),
    ...cases(unclear, "能找人替我吗？"),
  ])("When a volunteer replies $text, then the reply is unclear and the buttons are shown again", check);

  it("When a message is longer than 120 characters, then it is unclear even if it says ok", () => {
    const long = `ok ${"I was thinking about the route we took last week and ".repeat(3)}`;
    expect(long.length).toBeGreaterThan(120);
    expect(parseShiftReply(long)).toStrictEqual(unclear);
    expect(parseShiftReply("ok " + "x".repeat(100))).toStrictEqual(coming);
  });
});
