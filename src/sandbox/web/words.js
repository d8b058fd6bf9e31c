// The page's own words in both languages, and the demo district's places for sharing a location.

export const WORDS = {
  zh: {
    sandbox: "沙盒演示", clock: "辖区时间", jump: "跳到", pick: "请在左侧选择您要扮演的人。", send: "发送",
    private: "与机器人私聊", "map-hint": "点击地图分享该位置，或选一个地点：", edited: "已编辑",
    roles: { coordinator: "区巡防协调员", supervisor: "镇街督导员", police: "派出所联络民警", leader: "队长", deputy: "副队长", volunteer: "志愿者", resident: "居民" },
    noCommands: "没有可用的命令", contactHint: "分享您的手机号", speed: (n) => (n === 1 ? "实时" : `${n} 倍速`),
  },
  en: {
    sandbox: "sandbox", clock: "District time", jump: "jump to", pick: "Pick who you are on the left.", send: "Send",
    private: "Private chat with the bot", "map-hint": "Click the map to share that place, or pick one:", edited: "edited",
    roles: { coordinator: "Coordinator", supervisor: "Town supervisor", police: "Police liaison", leader: "Team leader", deputy: "Deputy leader", volunteer: "Volunteer", resident: "Resident" },
    noCommands: "No commands", contactHint: "Share your phone number", speed: (n) => (n === 1 ? "real time" : `×${n}`),
  },
};

/** Places in the demo district for sharing a location, and the area the little map covers. */
export const PLACES = [
  { zh: "竹林村村委会", en: "Zhulin village office", latitude: 30.7843, longitude: 120.8405 },
  { zh: "镇北社区", en: "Zhenbei community", latitude: 30.7905, longitude: 120.8261 },
  { zh: "湘家荡码头", en: "Xiangjiadang pier", latitude: 30.8062, longitude: 120.8197 },
  { zh: "东进村", en: "Dongjin village", latitude: 30.7711, longitude: 120.8024 },
];
export const MAP = { south: 30.74, north: 30.83, west: 120.77, east: 120.88 };
