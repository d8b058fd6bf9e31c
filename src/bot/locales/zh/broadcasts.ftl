# 群发与响应等级调整（中文）。每个键也必须在 en/broadcasts.ftl 中。
cmd-level = 调整响应等级
cmd-broadcast = 群发消息
cmd-broadcasts = 最近的群发及回执
btn-broadcast-received = ✅ 已收到
btn-broadcast-team = 👥 本队回执
btn-broadcast-nudge = 🔔 提醒他们
btn-broadcast-send = 📢 发送
broadcast-message =
    📢 {$from}：

    {$text}
broadcast-nudge =
    🔔 队长请你确认已收到这条消息：

    {$content}
broadcast-progress =
    📢 群发 #{$id}：发送中…
    {$bar} {$percent}%
    已发送 {$sent} · 失败 {$failed} · 无法送达 {$unreachable}，共 {$total}
    ✅ 已确认收到：{$acknowledged}
broadcast-report =
    📢 群发 #{$id}：送达报告
    {$bar} {$percent}%
    已发送 {$sent} · 失败 {$failed} · 无法送达 {$unreachable}，共 {$total}
    ✅ 已确认收到：{$acknowledged}
audience-everyone = 所有人
audience-town = 某个镇（街道）
audience-team = 某支队伍
audience-leaders = 队长
audience-tonight = 今晚值班的志愿者
broadcast-ask-audience = 📢 发给谁？
broadcast-ask-town = 哪个镇（街道）？
broadcast-ask-team = 哪支队伍？请发送队伍编号或名称中的几个字。
broadcast-pick-team = 有多支队伍符合，请选择：
broadcast-ask-text = 请发送消息：文字，或带说明文字的照片（最多 {$max} 字）。
broadcast-ask-caption = 请再发送照片的说明文字（最多 {$max} 字）。
broadcast-confirm =
    发给：{$audience}{$area}
    共 {$recipients} 人（其中 {$unreachable} 人已屏蔽机器人，计为无法送达）。

    {$text}
broadcast-started = 📢 群发 #{$id} 正在发给 {$recipients} 人，下面的消息会显示进度。
broadcast-ack-thanks = 谢谢，已记录。
broadcast-ack-already = 已经记录过了，谢谢。
broadcast-received-mark = ✅ 已收到
broadcast-team-receipts =
    👥 群发 #{$id} · {$team}：{$total} 人中 {$acknowledged} 人已确认。
    {$missing}
broadcast-team-missing = 尚未确认：{$names}
broadcast-team-all = 全部已确认。
broadcast-team-none = 本队队员都不在这次群发的接收范围内。
broadcast-nudged = 🔔 已提醒 {$count} 人。
broadcast-nudged-none = 没有需要提醒的人：都已确认，或 10 分钟内已提醒过。
broadcasts-title = 📢 最近的群发：
broadcasts-none = 还没有群发。
broadcasts-line = #{$id} · {$when} · {$what}：已发送 {$sent}/{$total}，失败 {$failed}，无法送达 {$unreachable}，已确认 {$acknowledged}{$state}
broadcasts-sending = （发送中）
broadcasts-level = 响应等级 {$level}
err-broadcast-not-allowed = 只有协调办和镇（街道）督导员（限本镇）可以群发。
err-broadcast-outside-town = 你只能在你督导的镇（街道）内群发。
err-broadcast-town-needed = 请选择镇（街道）。
err-broadcast-team-needed = 请选择队伍。
err-broadcast-invalid-text = 消息必须是文字，最多 {$max} 字。
err-broadcast-caption-too-long = 带照片时文字最多 {$max} 字，你的有 {$length} 字。
err-broadcast-not-recipient = 这条消息不是发给你的。
err-broadcast-not-found = 该群发不存在。
err-broadcast-not-your-team = 你只能查看你带领或督导的队伍的回执。
err-broadcast-list-not-allowed = 群发列表仅供队长、督导员和协调办查看。
level-changed =
    🛡 {$area}响应等级：{$level}
    自 {$starts} 起，至 {$ends}。
level-changed-message =
    🛡 {$area}响应等级：{$level}
    自 {$starts} 起，至 {$ends}。

    {$message}
level-from-now = 现在
level-until-changed = 另行通知
staffing-changed =
    👥 {$cause}
    {$team}：
    {$lines}
staffing-cause-level = {$area}响应等级现为{$level}。
staffing-cause-specialday = {$name}已列入日历（{$level}）。
staffing-cause-specialday-removed = {$name}已从日历中删除。
staffing-cause-patrol = 队伍每晚人数已调整：平时 {$normal} 人，加强时 {$heightened} 人，一级响应 {$level1} 人。
staffing-line-up = {$date} {$start}：需 {$after} 人（原 {$before} 人），已有 {$have} 人；已向待命队友发出 {$offered} 个空位。
staffing-line-down = {$date} {$start}：需 {$after} 人（原 {$before} 人），已有 {$have} 人；{$released} 人不用来了。
notice-released-level = 🙏 响应等级已下调，{$date} {$duty}（{$start}-{$end}）所需人数减少，你当晚不用来了。感谢你随时待命！
notice-released-headcount = 🙏 队伍调整了每晚人数，{$date} {$duty}（{$start}-{$end}）你不用来了。感谢你随时待命！
slot-offer-level =
    🛡 响应等级上调：{$team} {$duty} 需要增加人手
    {$date} {$start}-{$end}
    你能来吗？先到先得。
slot-offer-more-people =
    🛡 {$team} {$duty} 需要增加人手
    {$date} {$start}-{$end}
    你能来吗？先到先得。
level-ask-level = 🛡 调整为哪个等级？
level-ask-scope = 全区还是某个镇（街道）？
btn-scope-district = 全区
level-ask-start = 从何时开始？请按“现在”，或发送时间，如“21:00”或“2027-10-01 20:00”。
btn-level-now = 现在
level-ask-end = 到何时结束？请按“另行通知”，或发送时间，如“2027-10-08 08:00”。
btn-level-until-changed = 另行通知
level-ask-message = 给所有相关人员的说明（或按跳过）：
level-confirm =
    将{$area}响应等级调整为{$level}，
    自 {$starts} 起，至 {$ends}？
    {$message}
    今晚起的所有班次将重新核定人数，通知待命志愿者和队长，并向范围内所有人发送通知。
btn-level-confirm = ✅ 确认
level-done = 🛡 已完成：{$area}{$level}。{$shifts} 个班次重新核定人数，发出 {$offered} 个空位，{$released} 人不用来了；通知正在发给 {$recipients} 人。
level-repeated = 该调整已经生效。
err-level-when = 无法识别该时间，请按“21:00”或“2027-10-01 20:00”的格式发送。
err-level-invalid = 该等级调整无效。
err-level-start-in-past = 开始时间已过，请选择“现在”或更晚的时间。
err-level-end-before-start = 结束时间必须晚于开始时间。
err-level-town-not-found = 该镇（街道）不存在。
