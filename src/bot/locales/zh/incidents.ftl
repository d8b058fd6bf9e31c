# 上报、上报卡片、逐级上报与规则（中文）。每个键也必须在 en/incidents.ftl 中。

## 命令
cmd-report = 上报线索、隐患、帮助群众、矛盾纠纷或紧急情况
cmd-myreports = 我的上报及处理情况
cmd-sos = 巡逻中请求支援
cmd-tips = 待处理和已核实的线索
cmd-rules = 逐级上报规则
cmd-reportlink = 公众上报链接和二维码
report-in-private = 🔒 上报内容只发给队长和民警，不发在群里。请点下面的按钮，在和我的私聊中上报。
btn-report-in-private = 📝 私聊上报

## 类别
category-tip = 🕵️ 线索（报警方）
category-hazard = ⚠️ 隐患
category-assistance = 🤝 帮助群众
category-dispute = ⚖️ 矛盾纠纷
category-suspicious = 👀 可疑人员或车辆
category-emergency = 🚨 紧急情况

## 上报对话
report-public-intro = 你不是巡防队员，你的上报将送到区协调小组办公室。感谢你为平安出力！
report-ask-category = 你要上报什么？
report-cancelled = 已放弃这次上报，什么也没有发出。
report-ask-description = 请描述情况：发一段文字（最多 {$max} 字）或一条语音。
report-description-too-long = 共 {$length} 字，上报最多 {$max} 字，请精简。
report-hint-description = 请用文字或语音描述情况。
report-hint-photo-first = 请先用文字或语音描述情况，下一步可以加照片。
report-ask-photos = 最多可发 {$max} 张照片，发完按“完成”。没有照片也请按“完成”。
report-photo-added = 已添加照片 {$count}/{$max}。
report-photos-full = 超过 {$max} 张了，一次上报最多 {$max} 张，多出的那张没有加入。请按“完成”。
report-hint-photos = 请发送照片，或按“完成”。
report-ask-location = 在什么位置？请点“发送位置”（也可以共享实时位置）。无法提供请按“跳过”。
report-hint-location = 请用下方按钮发送位置，或按“跳过”。
report-location-outside = 这个位置不在本区范围内。请发送区内的位置，或按“跳过”。
report-summary =
    你的上报：
    {$category}
    {$details}
    📷 {$photos} · 📍 { $pin ->
        [yes] 有位置
       *[no] 无位置
    }
report-confirm-hint = 确认发送吗？
report-received = ✅ 已收到上报：{$ref}。有人接手时我会告诉你。
btn-report-send = ✅ 发送
btn-report-discard = ✖ 放弃
btn-send-location = 📍 发送位置

## 紧急情况
report-emergency-call = 🚨 如有人身危险，请立即拨打 {$number}！点击下面的联系人即可拨号。
report-police-contact = 报警
report-emergency-paged = 📣 已通知你的带班干部和值班人员：上报 {$ref}。请发送现场情况和位置：文字、语音或你的位置。发完请按“完成”。
report-emergency-hint = 请发送文字、语音或位置，或按“完成”。
report-emergency-added = 已补充到 {$ref}，已通知的人都会收到。
report-emergency-done = 谢谢，注意安全。在有人接手之前，{$ref} 会一直保持打开。

## 我的上报
myreports-title = 你的上报：
myreports-none = 你还没有上报过。发送 /report 开始上报。
myreports-line = {$ref} · {$category} · {$date} · {$status}
report-state-open = 等待接手
report-state-acknowledged = 已接手
report-state-forwarded = 已转公安
report-state-resolved = 已办结
report-state-useful = 💡 有效线索
notice-report-acknowledged = 👍 你的上报 {$ref}（{$category}）已有人接手。
notice-report-forwarded = 👮 你的上报 {$ref}（{$category}）已转给公安。
notice-report-resolved = ✅ 你的上报 {$ref}（{$category}）已办结：{$note}
notice-report-useful = 💡 公安已将你的线索 {$ref} 认定为有效线索，谢谢你！
reportlink-caption =
    公众上报链接：居民不用加入巡防队，也可以在这里上报线索或隐患。
    {$link}
    可打印二维码张贴在公告栏。

## 上报卡片
card-incident =
    {$category} · {$ref}
    {$where}
    上报人：{$reporter}，{$at}
    {$details}
    📷 {$photos} · 📍 { $pin ->
        [yes] 有定位
       *[no] 无定位
    } · 🎤 { $voice ->
        [yes] 有语音
       *[no] 无语音
    }
    {$status}{$verdict}
incident-public = 公众上报（居民）
incident-resident = 一位居民
incident-public-town = 公众上报（居民） · {$town}
incident-voice-only = （语音）
incident-no-details = （暂无描述）
incident-photos-caption = {$ref} 的照片
incident-voice-caption = {$ref} 的语音
incident-status-open = ⏳ 等待有人接手
incident-status-acknowledged = 👍 {$by} 已接手
incident-status-forwarded = 👮 {$by} 已转公安
incident-status-resolved = ✅ {$by} 已办结：{$note}
incident-verdict-none = {""}
incident-verdict-useful = {" "}· 💡 有效线索（{$by}）
incident-verdict-not_useful = {" "}· 非有效线索（{$by}）
btn-incident-ack = 👍 接手
btn-incident-escalate = ⏫ 立即上报
btn-incident-resolve = ✅ 办结
btn-incident-forward = 👮 转公安
btn-tip-useful = 💡 有效线索
btn-tip-not-useful = 无效
btn-incident-town = 📍 所属镇街…
incident-town-ask = {$ref} 在哪个镇街？选定后由该镇街的民警联络员和镇街干部跟进。
incident-town-none = 还没有设置任何镇街。
incident-town-set = {$ref} 已划归{$town}，该镇街的民警联络员已收到上报卡片。
incident-you-own = {$ref} 由你负责了。
incident-forwarded = {$ref} 已转公安。
incident-escalated = {$ref} 已上报上一级。
incident-judged-useful = {$ref} 已认定为有效线索。
incident-judged-not-useful = {$ref} 已认定为无效。
resolve-ask-note = {$ref} 是怎么办结的？请发一句简短说明（最多 {$max} 字），或发送 /cancel。
resolve-note-too-long = 共 {$length} 字，最多 {$max} 字，请精简。
resolve-done = ✅ {$ref} 已办结，已告知上报人。

## 逐级上报卡片
card-escalation =
    {$body}
    {$status}
esc-status-active = ⏳ 还没有人接手。
esc-status-owned = 👍 {$by} 正在处理。
esc-status-settled = ✔️ 已不需要处理。
esc-status-exhausted = ⚠️ 无人接手，已列入协调办每日清单。
esc-understaffed = ⚠️ {$team}：{$date} {$duty}（{$start}-{$end}）已签到 {$present} 人，应到 {$required} 人。
esc-missing-log = 📓 {$team}：{$date} {$duty}（{$start}-{$end}）的值班记录尚未完成。
esc-help = 🆘 {$name} 在 {$team} {$duty}（{$date} {$start}-{$end}）中请求支援，时间 {$at}。
btn-esc-ack = 👍 我来处理
btn-esc-on-my-way = 🏃 马上到
escalation-you-own = 由你负责了。
escalation-on-my-way = 谢谢，已告诉对方你正在赶来。
notice-help-coming = 🏃 {$name} 正在赶来支援你。
btn-report = 📝 上报
btn-need-help = 🆘 请求支援
help-called = 🆘 已呼叫你的带班干部和队长。如有人身危险，请拨打 110。
digest-unowned =
    📋 无人接手的事项（{$count}）：
    {$items}
digest-line-incident = • {$ref} {$category}，自 {$since}
digest-line = • {$item}

## 线索
tips-open = 🕵️ 待处理线索（{$count}）：
tips-verified = 💡 已核实有效（{$count}）：
tips-line = {$ref} · {$category} · {$team} · {$text}
tips-page = 第 {$page} 页，共 {$pages} 页
tips-more = ……另有更早的 {$count} 条
btn-tips-prev = ◀
btn-tips-next = ▶
tips-by-team = 各队有效线索：
tips-by-volunteer = 各队员有效线索：

## 逐级上报规则
rules-title = 逐级上报规则。每行一级：通知谁，以及在通知下一级之前等待确认多久。
rules-off = 已停用
rules-legend =
    通知谁：shift_leader（带班）、leaders（队长和副队长）、supervisors（镇街）、police（民警）、coordinators（协调办），或 tg:<Telegram id> 指定一人。也可写中文：带班、队长、镇街、民警、协调办。
    等待：30m、2h（或 30分钟、2小时）。之后可写“repeat N”（重复 N 轮），“off”停用。
rules-edit =
    {$name}，当前规则：
    {$current}

    请按同样格式发送新规则，每行一级。
rules-problems = 无法识别：
rules-problem = 第 {$line} 行：{$problem}
rules-problems-more = ……另有 {$count} 行无法识别。
rules-confirm =
    {$name} 的新规则：
    {$rules}
rules-saved = ✅ 已保存：{$name}。新的事项将按新规则上报。
btn-save = 💾 保存
policy-incident-tip = 线索
policy-incident-hazard = 隐患
policy-incident-assistance = 帮助群众
policy-incident-dispute = 矛盾纠纷
policy-incident-suspicious = 可疑情况
policy-incident-emergency = 紧急情况
policy-incident-public = 居民上报
policy-shift-understaffed = 人数不足的班次
policy-duty-log-missing = 缺少值班记录
policy-help-request = 请求支援

## 拒绝
err-report-person-only = 只有本人可以上报。
err-report-public-limit = 你在 24 小时内已上报 {$limit} 次，已达居民上报上限。请明天再试；紧急情况请拨打 110。
err-report-invalid = 这次上报中有无效内容，请用 /report 重新开始。
err-report-no-details = 上报需要文字描述或语音。
err-report-outside-district = 这个位置不在本区范围内。
err-report-category-not-allowed = 这类上报仅限巡防队员。
err-report-detail-invalid = 太长了：最多 {$max} 字。
err-incident-not-found = 这条上报已不存在。
err-incident-not-yours = 这条上报不归你处理。
err-incident-police-only = 只有民警联络员可以认定线索。
err-incident-coordinators-only = 只有区协调办可以指定上报所在的镇街。
err-incident-town-fixed = 这条上报的镇街就是其巡防队所在的镇街，不能更改。
err-incident-already-owned = {$by} 已经接手。
err-incident-already-resolved = 这条上报已经办结。
err-incident-already-forwarded = {$by} 已经转给公安。
err-incident-already-judged = {$by} 已经认定过这条线索。
err-incident-note-invalid = 请发送不超过 {$max} 字的说明。
err-incident-no-police = 本区域还没有民警联络员，请协调办先授权。
err-escalation-not-found = 已不存在。
err-escalation-use-card = 请使用上报卡片上的按钮。
err-escalation-not-yours = 这不归你处理。
err-escalation-already-owned = {$by} 已在处理。
err-escalation-over = 已不需要处理。
err-help-already-raised = 你的支援请求已发出，带班干部已收到通知。如有人身危险，请拨打 110。
err-help-switched-off = 支援请求已停用，请直接打电话给带班干部，紧急情况请拨打 110。
err-tips-not-allowed = 只有协调办和民警联络员可以查看线索。
err-tips-bad-page = 没有这一页，请重新发送 /tips。
err-rules-unknown-policy = 没有名为 {$key} 的规则。
err-rules-invalid = 规则无效：{$problem}
err-rules-cannot-disable = 上报总要逐级上报，不能停用。
err-rules-unknown-person = Telegram id 为 {$id} 的人还没有用过本机器人。
err-rules-bad-repeat = “{$text}”：请写 repeat 加 0 到 10 的数字
err-rules-missing-wait = “{$text}”：行尾请写等待时间，如 30m 或 2h
err-rules-bad-wait = “{$text}”：等待时间为 1 分钟到 7 天
err-rules-unknown-target = “{$text}”：应为 shift_leader、leaders、supervisors、police、coordinators 或 tg:<id>
err-rules-no-levels = 至少需要一级
err-rules-too-many-levels = 最多 8 级（现有 {$text} 级）
