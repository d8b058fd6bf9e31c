# 上报、上报卡片、提级与提级规则（中文）。每个键也必须在 en/incidents.ftl 中。
# “上报”只用于上报情况；交给上一级处理称“提级”“转上一级”。

## 命令
cmd-report = 上报线索、隐患、帮助群众、矛盾纠纷或紧急情况
cmd-myreports = 我的上报及处理情况
cmd-sos = 巡防中请求支援
cmd-tips = 待处理和已认定的线索
cmd-rules = 提级规则
cmd-reportlink = 居民上报链接和二维码
report-in-private = 🔒 上报内容只发给队长、副队长和联络民警，不在群里公开。请点下面的按钮，在与本机器人的私聊中上报。
btn-report-in-private = 📝 私聊上报

## 类别
category-tip = 🕵️ 案件线索
category-hazard = ⚠️ 隐患
category-assistance = 🤝 帮助群众
category-dispute = ⚖️ 矛盾纠纷
category-suspicious = 👀 可疑人员车辆
category-emergency = 🚨 紧急情况

## 上报对话
report-public-intro = 您不是巡防队员，您的上报将送交区巡防协调办。感谢您为平安出力！
report-ask-category = 您要上报哪类情况？
report-cancelled = 已放弃本次上报，没有发出任何内容。
report-ask-description = 请描述情况：发送一段文字（最多 {$max} 字）或一条语音。
report-description-too-long = 共 {$length} 字，上报最多 {$max} 字，请精简。
report-hint-description = 请用文字或语音描述情况。
report-hint-photo-first = 请先用文字或语音描述情况，下一步可以添加照片。
report-ask-photos = 最多可发送 {$max} 张照片，发完请按“完成”。没有照片也请按“完成”。
report-photo-added = 已添加照片 {$count}/{$max}。
report-photos-full = 已超过 {$max} 张：每次上报最多 {$max} 张，多出的照片未加入。请按“完成”。
report-hint-photos = 请发送照片，或按“完成”。
report-ask-location = 在什么位置？请点“发送位置”（也可共享实时位置）。无法提供请按“跳过”。
report-hint-location = 请用下方按钮发送位置，或按“跳过”。
report-location-outside = 该位置不在本区范围内。请发送区内的位置，或按“跳过”。
report-summary =
    您的上报：
    {$category}
    {$details}
    📷 {$photos} · 📍 { $pin ->
        [yes] 有位置
       *[no] 无位置
    }
report-confirm-hint = 确认发送吗？
report-received = ✅ 已收到您的上报，编号 {$ref}。有人接手后会通知您。
btn-report-send = ✅ 发送
btn-report-discard = ✖ 放弃
btn-send-location = 📍 发送位置

## 紧急情况
report-emergency-call = 🚨 如有人身危险，请立即拨打 {$number}！点击下面的联系人即可拨号。
report-police-contact = 报警电话
report-emergency-paged = 📣 已通知您的带班人和值班人员，上报编号 {$ref}。请发送现场情况：文字、语音或位置。发完请按“完成”。
report-emergency-hint = 请发送文字、语音或位置，或按“完成”。
report-emergency-added = 已补充到 {$ref}，已通知的人员都会收到。
report-emergency-done = 谢谢，请注意安全。在有人接手之前，{$ref} 会一直保持待处理状态。

## 我的上报
myreports-title = 您的上报：
myreports-none = 您还没有上报过。发送 /report 开始上报。
myreports-line = {$ref} · {$category} · {$date} · {$status}
report-state-open = 等待接手
report-state-acknowledged = 已接手
report-state-forwarded = 已转派出所
report-state-resolved = 已办结
report-state-useful = 💡 有效线索
notice-report-acknowledged = 👍 您的上报 {$ref}（{$category}）已有人接手。
notice-report-forwarded = 👮 您的上报 {$ref}（{$category}）已转交派出所。
notice-report-resolved = ✅ 您的上报 {$ref}（{$category}）已办结：{$note}
notice-report-useful = 💡 派出所已将您提供的线索 {$ref} 认定为有效线索，谢谢您！
reportlink-caption =
    居民上报链接：居民无需加入巡防队，也可以通过此链接上报线索或隐患。
    {$link}
    二维码可打印张贴在社区公告栏。
poster-report-title = {$district}居民线索上报
poster-report-line = 扫码即可在 Telegram 中上报线索或隐患，无需加入巡防队；遇到危险请拨打 110

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
incident-public = 居民上报
incident-resident = 一位居民
incident-public-town = 居民上报 · {$town}
incident-voice-only = （语音）
incident-no-details = （暂无描述）
incident-photos-caption = {$ref} 的照片
incident-voice-caption = {$ref} 的语音
incident-status-open = ⏳ 等待接手
incident-status-acknowledged = 👍 {$by}已接手
incident-status-forwarded = 👮 {$by}已转派出所
incident-status-resolved = ✅ {$by}已办结：{$note}
incident-verdict-none = {""}
incident-verdict-useful = {" "}· 💡 有效线索（{$by}）
incident-verdict-not_useful = {" "}· 无效线索（{$by}）
btn-incident-ack = 👍 接手
btn-incident-escalate = ⏫ 立即提级
btn-incident-resolve = ✅ 办结
btn-incident-forward = 👮 转派出所
btn-tip-useful = 💡 有效线索
btn-tip-not-useful = 无效线索
btn-incident-town = 📍 所属镇街…
incident-town-ask = {$ref} 属于哪个镇街？选定后由该镇街的联络民警和督导员跟进。
incident-town-none = 还没有设置任何镇街。
incident-town-set = {$ref} 已划归{$town}，该镇街的联络民警已收到上报卡片。
incident-you-own = {$ref} 由您负责。
incident-forwarded = {$ref} 已转派出所。
incident-escalated = {$ref} 已转上一级。
incident-judged-useful = {$ref} 已认定为有效线索。
incident-judged-not-useful = {$ref} 已认定为无效线索。
resolve-ask-note = {$ref} 是如何办结的？请发送一句简短说明（最多 {$max} 字），或发送 /cancel。
resolve-note-too-long = 共 {$length} 字，最多 {$max} 字，请精简。
resolve-done = ✅ {$ref} 已办结，已告知上报人。

## 提级卡片
card-escalation =
    {$body}
    {$status}
esc-status-active = ⏳ 尚无人接手。
esc-status-owned = 👍 {$by}正在处理。
esc-status-settled = ✔️ 已无需处理。
esc-status-exhausted = ⚠️ 无人接手，已列入协调办每日待办清单。
esc-understaffed = ⚠️ {$team}：{$date}{$duty}（{$start}-{$end}）已签到 {$present} 人，应到 {$required} 人。
esc-missing-log = 📓 {$team}：{$date}{$duty}（{$start}-{$end}）的值班记录尚未完成。
esc-help = 🆘 {$name}在{$team}{$duty}（{$date} {$start}-{$end}）中请求支援，时间 {$at}。
btn-esc-ack = 👍 我来处理
btn-esc-on-my-way = 🏃 马上到
escalation-you-own = 由您负责。
escalation-on-my-way = 谢谢，已告诉对方您正在赶来。
notice-help-coming = 🏃 {$name}正在赶来支援你。
btn-report = 📝 上报
btn-need-help = 🆘 请求支援
help-called = 🆘 已呼叫你的带班人和队长、副队长。如有人身危险，请拨打 110。
digest-unowned =
    📋 无人接手的事项（{$count} 项）：
    {$items}
digest-line-incident = • {$ref} {$category}，自 {$since}
digest-line = • {$item}

## 线索
tips-open = 🕵️ 待认定的线索（{$count} 条）：
tips-verified = 💡 已认定的有效线索（{$count} 条）：
tips-line = {$ref} · {$category} · {$team} · {$text}
tips-page = 第 {$page} 页，共 {$pages} 页
tips-more = ……另有更早的 {$count} 条
btn-tips-prev = ◀
btn-tips-next = ▶
tips-by-team = 各队有效线索：
tips-by-volunteer = 各队员有效线索：

## 提级规则
rules-title = 提级规则：每行一级，写明通知谁，以及等待多久无人接手即转上一级。
rules-off = 已停用
rules-legend =
    通知谁：带班（今晚带班人）、队长（队长和副队长）、镇街（镇街督导员）、民警（联络民警）、协调办；指定某一人请写“tg:”加其 Telegram 用户 ID。
    等待时间：如“30分钟”“2小时”。另起一行写“重复 2”表示全部通知完后再重复 2 轮，写“停用”表示停用此规则。
rules-edit =
    {$name}，当前规则：
    {$current}

    请按同样格式发送新规则，每行一级。
rules-problems = 以下内容无法识别：
rules-problem = 第 {$line} 行：{$problem}
rules-problems-more = ……另有 {$count} 行无法识别。
rules-confirm =
    {$name}的新规则：
    {$rules}
rules-saved = ✅ 已保存：{$name}。此后的事项将按新规则提级。
btn-save = 💾 保存
policy-incident-tip = 案件线索
policy-incident-hazard = 隐患
policy-incident-assistance = 帮助群众
policy-incident-dispute = 矛盾纠纷
policy-incident-suspicious = 可疑人员车辆
policy-incident-emergency = 紧急情况
policy-incident-public = 居民上报
policy-shift-understaffed = 班次人数不足
policy-duty-log-missing = 值班记录未完成
policy-help-request = 请求支援

## 拒绝
err-report-person-only = 只能由本人上报。
err-report-public-limit = 您在 24 小时内已上报 {$limit} 次，已达居民上报上限，请明天再试；紧急情况请拨打 110。
err-report-invalid = 本次上报中有无效内容，请发送 /report 重新开始。
err-report-no-details = 上报需要文字描述或语音。
err-report-outside-district = 该位置不在本区范围内。
err-report-category-not-allowed = 此类上报仅限巡防队员。
err-report-detail-invalid = 内容太长：最多 {$max} 字。
err-incident-not-found = 这条上报已不存在。
err-incident-not-yours = 这条上报不由您处理。
err-incident-police-only = 只有联络民警可以认定线索。
err-incident-coordinators-only = 只有协调员可以指定上报所属的镇街。
err-incident-town-fixed = 这条上报所属的镇街就是其巡防队所在的镇街，不能更改。
err-incident-already-owned = {$by}已经接手。
err-incident-already-resolved = 这条上报已经办结。
err-incident-already-forwarded = {$by}已转派出所。
err-incident-already-judged = {$by}已认定过这条线索。
err-incident-note-invalid = 请发送不超过 {$max} 字的说明。
err-incident-no-police = 本区域尚无联络民警，请协调员先行授权。
err-escalation-not-found = 该事项已不存在。
err-escalation-use-card = 请使用上报卡片上的按钮。
err-escalation-not-yours = 该事项不由您处理。
err-escalation-already-owned = {$by}已在处理。
err-escalation-over = 该事项已无需处理。
err-help-already-raised = 你的支援请求已发出，带班人已收到通知。如有人身危险，请拨打 110。
err-help-switched-off = 支援请求已停用，请直接打电话给带班人；紧急情况请拨打 110。
err-tips-not-allowed = 只有协调员和联络民警可以查看线索。
err-tips-bad-page = 没有这一页，请重新发送 /tips。
err-rules-unknown-policy = 没有名为 {$key} 的规则。
err-rules-invalid = 规则无效：{$problem}
err-rules-cannot-disable = 上报必须有人处理，此规则不能停用。
err-rules-unknown-person = Telegram 用户 ID 为 {$id} 的人还没有使用过本机器人。
err-rules-bad-repeat = “{$text}”：请写“重复”加 0 至 10 的数字
err-rules-missing-wait = “{$text}”：行尾请写等待时间，如“30分钟”或“2小时”
err-rules-bad-wait = “{$text}”：等待时间为 1 分钟至 7 天
err-rules-unknown-target = “{$text}”：应为“带班”“队长”“镇街”“民警”“协调办”或“tg:”加用户 ID
err-rules-no-levels = 至少需要一级
err-rules-too-many-levels = 最多 8 级（现有 {$text} 级）
