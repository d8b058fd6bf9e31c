# 群发与响应等级调整（中文）。每个键也必须在 en/broadcasts.ftl 中。
cmd-level = 调整响应等级
cmd-broadcast = 群发通知
cmd-broadcasts = 最近的群发及回执
btn-broadcast-received = ✅ 已收到
btn-broadcast-team = 👥 本队回执
btn-broadcast-nudge = 🔔 提醒未确认的队员
btn-broadcast-send = 📢 发送
broadcast-message =
    📢 {$from}发布：

    {$text}
broadcast-nudge =
    🔔 队长提醒：请点“已收到”确认您已阅读以下通知。

    {$content}
broadcast-progress =
    📢 群发 #{$id}：发送中……
    {$bar} {$percent}%
    已发送 {$sent} · 失败 {$failed} · 无法送达 {$unreachable}，共 {$total} 人
    ✅ 已确认收到：{$acknowledged}
broadcast-report =
    📢 群发 #{$id}：送达情况
    {$bar} {$percent}%
    已发送 {$sent} · 失败 {$failed} · 无法送达 {$unreachable}，共 {$total} 人
    ✅ 已确认收到：{$acknowledged}
audience-everyone = 全体人员
audience-town = 某个镇街
audience-team = 某支队伍
audience-leaders = 各队队长、副队长
audience-tonight = 今晚在岗的志愿者
broadcast-ask-audience = 📢 请选择发送对象：
broadcast-ask-town = 发给哪个镇街？
broadcast-ask-team = 发给哪支队伍？请发送队伍编号或队伍名称中的几个字。
broadcast-pick-team = 有多支队伍符合，请选择：
broadcast-ask-text = 请发送通知内容：文字，或带文字说明的照片（最多 {$max} 字）。
broadcast-ask-caption = 请再发送照片的文字说明（最多 {$max} 字）。
broadcast-confirm =
    发送对象：{$audience}{$area}
    共 {$recipients} 人（其中 {$unreachable} 人已屏蔽本机器人，计为无法送达）。

    {$text}
broadcast-started = 📢 群发 #{$id} 正在发送给 {$recipients} 人，发送进度见下一条消息。
broadcast-ack-thanks = 谢谢，已确认收到。
broadcast-ack-already = 已确认过，谢谢。
broadcast-received-mark = ✅ 已收到
broadcast-team-receipts =
    👥 群发 #{$id} · {$team}：{$total} 人中已有 {$acknowledged} 人确认收到。
    {$missing}
broadcast-team-missing = 尚未确认：{$names}
broadcast-team-all = 全部已确认。
broadcast-team-none = 本队队员均不在此次群发的发送范围内。
broadcast-nudged = 🔔 已提醒 {$count} 人。
broadcast-nudged-none = 没有需要提醒的人：都已确认，或 10 分钟内已提醒过。
broadcasts-title = 📢 最近的群发：
broadcasts-none = 暂无群发记录。
broadcasts-line = #{$id} · {$when} · {$what}：已发送 {$sent}/{$total}，失败 {$failed}，无法送达 {$unreachable}，已确认 {$acknowledged}{$state}
broadcasts-sending = （发送中）
broadcasts-level = 响应等级：{$level}
err-broadcast-not-allowed = 只有区巡防协调办的协调员和镇街督导员（限本镇街）可以群发。
err-broadcast-outside-town = 您只能向您督导的镇街群发。
err-broadcast-town-needed = 请选择镇街。
err-broadcast-team-needed = 请选择队伍。
err-broadcast-invalid-text = 通知须为文字，最多 {$max} 字。
err-broadcast-caption-too-long = 带照片时文字最多 {$max} 字，当前为 {$length} 字。
err-broadcast-not-recipient = 这条通知不是发给您的。
err-broadcast-not-found = 该群发不存在。
err-broadcast-not-your-team = 您只能查看您所带领或督导的队伍的回执。
err-broadcast-list-not-allowed = 群发记录仅供队长、副队长、镇街督导员和协调员查看。

## 响应等级通知：像正式通知那样写，“全区自即时起启动一级响应（巡防人数增至每队 8 人），解除时间另行通知。”
level-changed =
    🛡 响应等级调整通知
    {$area}{$from}{ $code ->
        [level1] 启动一级响应{$staffing}，{$until}
        [heightened] 启动加强（二级）响应{$staffing}，{$until}
       *[normal] 恢复常态巡防{$staffing}
    }。
level-changed-message =
    🛡 响应等级调整通知
    {$area}{$from}{ $code ->
        [level1] 启动一级响应{$staffing}，{$until}
        [heightened] 启动加强（二级）响应{$staffing}，{$until}
       *[normal] 恢复常态巡防{$staffing}
    }。

    {$message}
level-from-now = 自即时起
level-from = 自 {$starts} 起
level-until-changed = 解除时间另行通知
level-until = 至 {$ends} 结束
level-staffing = （巡防人数{ $code ->
        [normal] 恢复为
       *[other] 增至
    }每队 {$headcount} 人）
level-staffing-varies = （各队按本队{$level}人数安排巡防）
staffing-changed =
    👥 {$cause}
    {$team}：
    {$lines}
staffing-cause-level = {$area}响应等级已调整为{$level}。
staffing-cause-specialday = {$name}已列入巡防日历（{$level}）。
staffing-cause-specialday-removed = {$name}已从巡防日历中删除。
staffing-cause-patrol = 本队每晚人数已调整：常态 {$normal} 人，加强（二级）{$heightened} 人，一级响应 {$level1} 人。
staffing-line-up = {$date} {$start}：需 {$after} 人（原 {$before} 人），已排 {$have} 人；已向待命队友发出 {$offered} 个补位邀请。
staffing-line-down = {$date} {$start}：需 {$after} 人（原 {$before} 人），已排 {$have} 人；{$released} 人当晚不用来了。
notice-released-level = 🙏 响应等级已下调，{$date}{$duty}（{$start}-{$end}）所需人数减少，你当晚不用来了。感谢你随时待命！
notice-released-headcount = 🙏 本队调整了每晚人数，{$date}{$duty}（{$start}-{$end}）你不用来了。感谢你随时待命！
slot-offer-level =
    🛡 响应等级上调：{$team}{$duty}需要增加人手
    {$date} {$start}-{$end}
    你能来吗？先到先得。
slot-offer-more-people =
    🛡 {$team}{$duty}需要增加人手
    {$date} {$start}-{$end}
    你能来吗？先到先得。
level-ask-level = 🛡 调整为哪个响应等级？
level-ask-scope = 适用于全区，还是某个镇街？
btn-scope-district = 全区
level-ask-start = 何时开始？请按“即时”，或发送时间，如“21:00”或“2027-10-01 20:00”。
btn-level-now = 即时
level-ask-end = 何时结束？请按“另行通知”，或发送时间，如“2027-10-08 08:00”。
btn-level-until-changed = 另行通知
level-ask-message = 请输入附在通知后的说明（可跳过）：
level-confirm =
    将向范围内所有人发布以下通知：

    {$announcement}

    发布后，今晚起的各班次将按新等级重新核定人数，向待命队员发出补位邀请，并告知各队队长、副队长。确认发布吗？
btn-level-confirm = ✅ 确认发布
level-done = 🛡 已发布：{$area}{$level}。{$shifts} 个班次已重新核定人数，发出 {$offered} 个补位邀请，{$released} 人当晚不用来了；通知正在发送给 {$recipients} 人。
level-repeated = 该调整已经生效。
err-level-when = 无法识别该时间，请按“21:00”或“2027-10-01 20:00”的格式发送。
err-level-invalid = 该响应等级调整无效。
err-level-start-in-past = 开始时间已过，请选择“即时”或更晚的时间。
err-level-end-before-start = 结束时间必须晚于开始时间。
err-level-town-not-found = 该镇街不存在。
