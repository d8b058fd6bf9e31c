/**
 * Reads a volunteer's free-text answer to "Tonight's patrol 20:00-24:00 — are you coming?".
 *
 * Reading a reply wrongly costs more than asking again: a wrong "coming" leaves a street
 * unpatrolled. So anything doubtful (a question, a hedge, a long message, a delay too long to be
 * believable) comes back "unclear" and the bot shows the buttons again.
 */
export type ShiftReply =
  | { kind: "coming"; lateMinutes?: number }
  | { kind: "cant" }
  | { kind: "substitute" }
  | { kind: "unclear" };

const MAX_LENGTH = 120;
const MAX_LATE_MINUTES = 240;

// Questions are checked before anything else: "can my wife come instead?" asks permission, it
// does not yet decide anything. "来不来", "能不能" (X不X) are how Chinese asks yes/no.
const QUESTION =
  /\?|吗|几点|几时|哪|什么|啥|怎么|为什么|多久|谁|请问|问一下|可不可以|([能来去是行好要会有])[不没]\1|^(what|when|where|why|which|who|how|is|are|am|do|does|did|should|shall|can (i|we)|could (i|we)|will (i|we))\b|\bwhat time\b/;

// A hedge is not an answer; the bot needs a yes or a no to plan the night.
const HEDGE =
  /\b(maybe|perhaps|not sure|unsure|don'?t know|dunno|depends|we'?ll see|will see|let me (check|see)|try)\b|不确定|不一定|说不准|说不定|不好说|看情况|再说|不知道|尽量|争取|也许|或许|试试/;

const FAMILY_EN = "wife|husband|son|daughter|brother|sister|dad|father|mum|mom|mother|partner|spouse|family";
const FAMILY_ZH = "家人|家里人|老婆|老公|爱人|妻子|丈夫|儿子|女儿|孩子|爸爸|妈妈|哥哥|姐姐|弟弟|妹妹|亲戚";

// Checked before "can't": "can't come, find me a sub" is a request the coordinator can act on.
// A family member going in the volunteer's place is a substitution too.
const SUBSTITUTE = [
  /\b(substitute|subs?|replace me|replacement|cover (for )?me|cover my|stand ?in|swap|someone else|somebody else|in my place|instead of me|find (me )?(someone|somebody))\b/,
  new RegExp(`\\b(${FAMILY_EN})\\b.*(\\binstead\\b|\\bwill (come|go)\\b|'ll (come|go)\\b|\\bfor me\\b|\\bcover\\b)`),
  /替|代班|代我|顶班|顶我|换班|调班|换人|找人|帮我找/,
  new RegExp(`让.{0,3}(${FAMILY_ZH})|(${FAMILY_ZH})会?[去来代]`),
];

// "Can't be on time" is a late arrival, not a refusal.
const NOT_ON_TIME = /\b(can'?t|cannot|can not|won'?t|will not|not)\b[^,]{0,20}\bon time\b|(不能|没法|无法|不)(准时|按时|及时)/g;

// Negative words that mean yes; rewritten before the negation check so they cannot trip it.
const AFFIRMING_NEGATIONS =
  /\bno (problems?|probs?|worries|worry|issues?)\b|\bnot a problem\b|\b(not|won'?t be|will not be|never) late\b|\bdon'?t worry\b|没问题|不会迟到|不迟到|不会晚|不晚|不见不散/g;

// Politeness carries no answer, and "不好意思"/"对不起" contain 不 and 好, which would otherwise
// read as a refusal or a yes.
const FILLER = /不好意思|对不起|抱歉|你好|您好|大家好|谢谢|\b(sorry|thanks|thank you|thx|hello|hi|hey|dear)\b/g;

const CANT =
  /\b(can'?t|can ?not|won'?t|will not|not|no+|nope|nah|unable|unavailable|pass|skip|cancel|count me out|i'?m out|don'?t think)\b|❌|🙅|👎|✖|^不+$|不[能来去行好成会]|不了|没空|没时间|没法|无法|请假|去不成|来不成/;

// Reasons alone mean "can't", but "有事，晚到半小时" is a late arrival, so they lose to lateness.
const CANT_REASON = /有事|有点事|加班|出差|生病|病了|不舒服|\b(busy|sick|ill|working late|work late|out of town)\b/;

const LATE = /\b(late|delayed|running behind)\b|晚|迟/;
// 晚 also means "evening"; these words say when, not how late.
const NOT_LATENESS = /今晚|晚上|晚安|昨晚|明晚|当晚|傍晚|每晚|夜晚|晚饭|晚餐|\bwork(ing)? late\b/g;

const COMING =
  /\b((ok)+k*|okay|okey|okie|oki|k+|y|ya|yah|yes+|yeah|yep|yup|sure|come|coming|be there|make it|of course|definitely|absolutely|count me in|i'?m in|on my way|omw|see you|roger|got it|fine|alright|all right|sounds good)\b|👍|✅|👌|🙆|💪|✔|好|可以|行|收到|能来|准时|会来|一定|来|到|去|嗯|恩|妥|是的|对的|^[是对]+$|同意|必须|参加|马上|出发|在路上|见|放心/;

const CN_DIGITS = "零一二三四五六七八九";
const CN_NUM = "[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]";
const EN_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10, fifteen: 15, twenty: 20,
  "twenty five": 25, thirty: 30, forty: 40, "forty five": 45, fifty: 50,
};
const EN_NUM = Object.keys(EN_WORDS).sort((a, b) => b.length - a.length).join("|");
const NUM = `(\\d+(?:\\.\\d+)?|${CN_NUM}|(?<![a-z])(?:${EN_NUM}))`;

// First match wins, so the fixed halves and quarters come before "N hours", which would read
// "half an hour" as "an hour"; 半 after a number belongs to "一个半小时" (90).
const DURATIONS: Array<[RegExp, (m: RegExpMatchArray) => number | undefined]> = [
  [/\bhalf (an? )?hour|(?<![\d个一二两三四五六七八九十])半个?(小时|钟头|钟)/, () => 30],
  [/\bquarter (of an )?hour|一刻钟/, () => 15],
  [
    new RegExp(`${NUM} ?(?:个|多)*(半)? ?(?:hours?|hrs?|h|小时|钟头|钟)(?![a-z])( and a half)?`),
    (m) => times(toNumber(m[1]), 60, m[2] || m[3] ? 30 : 0),
  ],
  [new RegExp(`${NUM} ?多? ?(?:分钟|minutes?|mins?|m)(?![a-z])`), (m) => toNumber(m[1])],
  [/(\d+)分/, (m) => toNumber(m[1])],
  // "late 15", "晚到20": a bare number right after the word for late can only be minutes.
  [/(?:\blate|晚到?|迟到) ?(?:by )?(\d+)$/, (m) => toNumber(m[1])],
];

export function parseShiftReply(text: string): ShiftReply {
  if ([...text.trim()].length > MAX_LENGTH) return { kind: "unclear" };
  const normal = normalise(text);
  if (normal === "" || QUESTION.test(normal) || HEDGE.test(normal)) return { kind: "unclear" };
  if (SUBSTITUTE.some((pattern) => pattern.test(normal))) return { kind: "substitute" };

  const answer = normal
    .replace(NOT_ON_TIME, " late ")
    .replace(AFFIRMING_NEGATIONS, " ok ")
    .replace(FILLER, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (CANT.test(answer)) return { kind: "cant" };
  const late = readLateness(answer);
  if (late) return late;
  if (CANT_REASON.test(answer)) return { kind: "cant" };
  if (COMING.test(answer)) return { kind: "coming" };
  return { kind: "unclear" };
}

function normalise(text: string): string {
  return (
    text
      // Full-width digits and ，！？ become ASCII; 。、 stay, but they are punctuation below.
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[‘’`´]/g, "'")
      // Keep ' for "can't", ? for questions, and . inside "1.5".
      .replace(/(?!['.?])[\p{P}~+=<>^|]/gu, " ")
      .replace(/\.(?!\d)|(?<!\d)\./g, " ")
      .replace(/\s+/g, " ")
      // Spaces between Chinese words and numbers ("晚到 20 分钟") are typing noise.
      .replace(/(?<=\p{Script=Han})\s(?=[\p{Script=Han}\d])|(?<=[\p{Script=Han}\d])\s(?=\p{Script=Han})/gu, "")
      .trim()
  );
}

/** Coming late, unclear when the delay is not believable, or undefined if lateness is not mentioned. */
function readLateness(answer: string): ShiftReply | undefined {
  const text = answer.replace(NOT_LATENESS, " ");
  if (!LATE.test(text)) return undefined;
  const minutes = delayMinutes(text);
  if (minutes === undefined) return { kind: "coming" };
  if (minutes < 1 || minutes > MAX_LATE_MINUTES) return { kind: "unclear" };
  return { kind: "coming", lateMinutes: minutes };
}

function delayMinutes(text: string): number | undefined {
  for (const [pattern, toMinutes] of DURATIONS) {
    const match = text.match(pattern);
    if (match) {
      const minutes = toMinutes(match);
      return minutes === undefined ? undefined : Math.round(minutes);
    }
  }
  return undefined;
}

function times(value: number | undefined, factor: number, extra: number): number | undefined {
  return value === undefined ? undefined : value * factor + extra;
}

function toNumber(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  if (/^\d/.test(token)) return Number(token);
  return EN_WORDS[token] ?? chineseNumber(token);
}

/** 一 … 九十九, with 两 for 二. */
function chineseNumber(token: string): number {
  const [tens = "", ones] = token.replace("两", "二").split("十");
  if (ones === undefined) return CN_DIGITS.indexOf(tens);
  return (tens ? CN_DIGITS.indexOf(tens) : 1) * 10 + (ones ? CN_DIGITS.indexOf(ones) : 0);
}
